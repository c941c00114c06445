import { catalogEntry } from '../../scenarios/catalog.ts';
import type { Variant } from '../results/types.ts';
import { scriptFiles } from './script-files.ts';
import { SCRIPT, scriptsConfigMap, testRunManifest, testRunName, type TestRunInput } from './testrun-manifest.ts';

export interface K8sOptions {
  only: readonly string[];
  instances: number;
  baseUrl: string;
  /** null: each comparison's catalog rate (the total over every pod). */
  rate: number | null;
  durationSec: number;
  warmupSec: number;
  seed: number;
  image: string;
}

/** The files `perflab k8s` writes, relative to its output directory, with their content. */
export type K8sBundle = Record<string, string>;

const VARIANTS: readonly Variant[] = ['naive', 'optimized'];
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * `configmap.json` (every file k6 loads, found by following the script's imports, and the
 * fixtures) and one `<testrun-name>/testrun.json` per variant of each comparison: the directory
 * `perflab merge` reads back, once the pods' logs are copied beside each TestRun.
 * JSON, which kubectl applies as it does YAML: no YAML library in production code.
 */
export function k8sBundle(options: K8sOptions, fixtures: string, read: (path: string) => string, root: string): K8sBundle {
  const files = scriptFiles(SCRIPT, root, read);
  const bundle: K8sBundle = { 'configmap.json': json(scriptsConfigMap(Object.fromEntries(files.map((f) => [f, read(f)])), fixtures)) };
  for (const comparison of options.only) {
    const entry = catalogEntry(comparison);
    for (const variant of VARIANTS) {
      const input: TestRunInput = {
        comparison,
        variant,
        instances: options.instances,
        baseUrl: options.baseUrl,
        model: { type: 'open', rate: options.rate ?? entry.load.open.rate, maxConnections: entry.load.open.maxConnections },
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        seed: options.seed,
        image: options.image,
      };
      bundle[`${testRunName(comparison, variant)}/testrun.json`] = json(testRunManifest(input, files));
    }
  }
  return bundle;
}
