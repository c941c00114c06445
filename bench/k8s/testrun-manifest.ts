import type { LoadModel } from '../drivers/types.ts';
import type { Variant } from '../results/types.ts';

/** Where the scripts and fixtures appear in every pod (the ConfigMap, laid out as the repository). */
export const MOUNT = '/perflab';
export const SCRIPT = 'scenarios/k6/comparison.ts';
export const FIXTURES_KEY = 'fixtures.json';
export const CONFIG_MAP = 'perflab-scripts';

export interface TestRunInput {
  comparison: string;
  variant: Variant;
  /** Pods (`spec.parallelism`): each runs one execution segment, set by k6-operator. */
  instances: number;
  /** The API as the pods reach it, e.g. `http://perflab-api.default.svc:3000`. */
  baseUrl: string;
  model: Extract<LoadModel, { type: 'open' }>;
  durationSec: number;
  warmupSec: number;
  seed: number;
  image: string;
}

/** A ConfigMap key for a repository path: keys cannot hold `/`, the pod's volume puts it back. */
export const configMapKey = (path: string): string => path.replace(/\//g, '__');

/** The ConfigMap holding every script file (by `configMapKey`) and the seeder's fixtures. */
export function scriptsConfigMap(files: Readonly<Record<string, string>>, fixtures: string): object {
  const data = Object.fromEntries([...Object.entries(files).map(([path, text]) => [configMapKey(path), text]), [FIXTURES_KEY, fixtures]]);
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CONFIG_MAP, labels: { 'app.kubernetes.io/part-of': 'perflab' } }, data };
}

/**
 * The k6 arguments every pod gets (k6-operator adds `--execution-segment` per pod): the samples
 * go to stdout as CSV, which `kubectl logs` copies back for `perflab merge`; the script's own
 * warm-up scenario runs in each pod and the merge keeps only the `measure` scenario.
 */
export function testRunArguments(input: TestRunInput): string {
  const env: Record<string, string | number> = {
    COMPARISON: input.comparison,
    VARIANT: input.variant,
    BASE_URL: input.baseUrl,
    FIXTURES: `${MOUNT}/${FIXTURES_KEY}`,
    MODEL: 'open',
    RATE: input.model.rate,
    MAX_VUS: input.model.maxConnections,
    DURATION: input.durationSec,
    WARMUP: input.warmupSec,
    SEED: input.seed,
  };
  return ['--no-color', '--out', 'csv=fileName=/dev/stdout,timeFormat=unix_milli', ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`])].join(' ');
}

/** A k6-operator TestRun (k6.io/v1alpha1) for one variant of one comparison, split over `instances` pods. */
export function testRunManifest(input: TestRunInput, files: readonly string[]): object {
  const items = [...files.map((path) => ({ key: configMapKey(path), path })), { key: FIXTURES_KEY, path: FIXTURES_KEY }];
  const pod = {
    image: input.image,
    volumes: [{ name: 'perflab-scripts', configMap: { name: CONFIG_MAP, items } }],
    volumeMounts: [{ name: 'perflab-scripts', mountPath: MOUNT, readOnly: true }],
  };
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: testRunName(input.comparison, input.variant), labels: { 'app.kubernetes.io/part-of': 'perflab', 'perflab/comparison': input.comparison, 'perflab/variant': input.variant } },
    spec: {
      parallelism: input.instances,
      // the scripts are not one file, and a ConfigMap is mounted flat: our own volume lays them out
      script: { localFile: `${MOUNT}/${SCRIPT}` },
      arguments: testRunArguments(input),
      runner: pod,
      initializer: pod,
    },
  };
}

/** `perflab-<comparison>-<variant>`: a DNS label (k6-operator names pods and jobs after it). */
export function testRunName(comparison: string, variant: Variant): string {
  return `perflab-${comparison}-${variant}`.slice(0, 63);
}
