import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defineCommand } from 'citty';
import { durationFlag, idListFlag, integerFlag, MAX_SEED } from '../../lib/cli-flags.ts';
import { projectRoot } from '../../lib/paths.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { MAX_INSTANCES } from '../drivers/driver.ts';
import { k8sBundle, type K8sOptions } from '../k8s/k8s-bundle.ts';
import { catalogIds } from '../../scenarios/catalog.ts';
import { DEFAULT_FIXTURES_PATH } from '../../seed/seed.ts';

export const DEFAULT_K6_IMAGE = 'grafana/k6:1.8.1';
const DEFAULTS = { instances: 4, baseUrl: 'http://perflab-api:3000', durationSec: 30, warmupSec: 5, seed: 42, out: 'k8s' };

/** Pure: flags → what to write. The base URL goes unquoted into k6-operator's shell command: an origin only. */
export function parseK8sArgs(args: Record<string, unknown>): K8sOptions & { out: string; fixtures: string } {
  const baseUrl = typeof args['base-url'] === 'string' ? args['base-url'] : DEFAULTS.baseUrl;
  if (!/^https?:\/\/[a-zA-Z0-9.-]+(:\d{1,5})?$/.test(baseUrl)) throw new UsageError(`--base-url must be an origin like http://perflab-api:3000 (no path, no query), got '${baseUrl}'`);
  return {
    only: typeof args.only === 'string' ? idListFlag('only', args.only, catalogIds) : [...catalogIds],
    instances: integerFlag('instances', args.instances, { min: 1, max: MAX_INSTANCES }, DEFAULTS.instances),
    baseUrl,
    rate: integerFlag('rate', args.rate, { min: 1, max: 1_000_000 }) ?? null,
    durationSec: durationFlag('duration', args.duration, { min: 1, max: 3600 }, DEFAULTS.durationSec),
    warmupSec: durationFlag('warmup', args.warmup, { min: 0, max: 600 }, DEFAULTS.warmupSec),
    seed: integerFlag('seed', args.seed, { min: 0, max: MAX_SEED }, DEFAULTS.seed),
    image: typeof args.image === 'string' && args.image !== '' ? args.image : DEFAULT_K6_IMAGE,
    out: typeof args.out === 'string' && args.out !== '' ? args.out : DEFAULTS.out,
    fixtures: typeof args.fixtures === 'string' ? args.fixtures : DEFAULT_FIXTURES_PATH,
  };
}

export default defineCommand({
  meta: {
    name: 'k8s',
    description: 'Write k6-operator manifests: a ConfigMap with the k6 scripts and fixtures, and one TestRun (spec.parallelism = --instances) per variant of each comparison. Copy each runner pod\'s log beside its testrun.json, then `perflab merge <out>` (README: Distributed load).',
  },
  args: {
    only: { type: 'string', description: `comma-separated comparison ids (default: all; ${catalogIds.join(', ')})`, valueHint: 'ids' },
    instances: { type: 'string', description: `pods per TestRun, each one execution segment (default ${DEFAULTS.instances}, max ${MAX_INSTANCES})`, valueHint: 'n' },
    'base-url': { type: 'string', description: `the API as the pods reach it (default ${DEFAULTS.baseUrl})`, valueHint: 'url' },
    rate: { type: 'string', description: 'total requests per second over all pods (default: the catalog rate)', valueHint: 'req/s' },
    duration: { type: 'string', description: `measured seconds (default ${DEFAULTS.durationSec})`, valueHint: 's' },
    warmup: { type: 'string', description: `warm-up seconds in each pod, not merged (default ${DEFAULTS.warmupSec})`, valueHint: 's' },
    seed: { type: 'string', description: `request seed (default ${DEFAULTS.seed})`, valueHint: 'n' },
    image: { type: 'string', description: `k6 image of the pods (default ${DEFAULT_K6_IMAGE})`, valueHint: 'image' },
    fixtures: { type: 'string', description: 'fixtures of the data set the API serves (default .perflab/fixtures.json)', valueHint: 'path' },
    out: { type: 'string', description: `directory to write (default ${DEFAULTS.out}/)`, valueHint: 'dir' },
  },
  async run({ args }) {
    const options = parseK8sArgs(args);
    let fixtures: string;
    try {
      fixtures = await readFile(options.fixtures, 'utf8');
    } catch {
      throw new UsageError(`cannot read fixtures at ${options.fixtures}: seed first (perflab seed) or pass --fixtures <path>`);
    }
    const bundle = k8sBundle(options, fixtures, (path) => readFileSync(join(projectRoot, path), 'utf8'), projectRoot);
    for (const [path, content] of Object.entries(bundle)) {
      await mkdir(dirname(join(options.out, path)), { recursive: true });
      await writeFile(join(options.out, path), content);
      process.stdout.write(`${join(options.out, path)}\n`);
    }
  },
});
