import type { ComparisonSummary } from '../stats/comparison-summary.ts';

/**
 * The shape of `reports/<run-id>/results.json`: the one format every renderer, gate and
 * comparison reads. `results.schema.json` beside this file is its versioned JSON Schema;
 * change both together and bump RESULTS_SCHEMA_VERSION on any incompatible change.
 */
export const RESULTS_SCHEMA_VERSION = 1;

export type Variant = 'naive' | 'optimized';
export type DriverName = 'autocannon' | 'k6';

export interface Results {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  run: RunInfo;
  dataset: DatasetInfo;
  /** Requests per second the no-op route reached with each driver: the HTTP ceiling of this host. */
  calibration: CalibrationRun[];
  scenarios: ScenarioRun[];
  comparisons: ComparisonSummary[];
  /** Environment problems and skipped parts, one sentence each (e.g. "k6 not found: k6 driver skipped"). */
  notices: string[];
}

export interface RunInfo {
  id: string;
  startedAt: string;
  finishedAt: string;
  /** False when the run was interrupted or failed: only completed scenarios are present. */
  complete: boolean;
  gitSha: string | null;
  command: string;
  options: { drivers: DriverName[]; durationSec: number; warmupSec: number; repeat: number; /** null: each comparison's catalog concurrency */ connections: number | null; rate: number | null; quick: boolean; target: string };
  host: HostInfo;
}

export interface HostInfo {
  hostname: string;
  os: string;
  cpuModel: string;
  cpus: number;
  memoryBytes: number;
  node: string;
  postgres: { version: string; source: string };
  redis: { version: string | null; source: string };
  /** The cache backend the server actually used: 'redis' or 'in-process'. */
  cacheBackend: 'redis' | 'in-process';
  k6: string | null;
}

export interface DatasetInfo {
  scale: string;
  seed: number;
  schemaVersion: number;
  rows: Record<string, number>;
  checksum: string;
}

export interface LatencyMs {
  /** Microsecond resolution, expressed in milliseconds (e.g. 0.412). */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export type LoadModel =
  | { type: 'closed'; connections: number }
  | { type: 'open'; rate: number; maxConnections: number };

export interface ThresholdResult {
  /** As written in the catalog, e.g. "p(95)<200" on metric "http_req_duration". */
  metric: string;
  condition: string;
  passed: boolean;
  actual: number | null;
}

export interface ScenarioRun {
  comparison: string;
  variant: Variant;
  driver: DriverName;
  /** 1-based index of the repeat; repeats interleave naive/optimized (A B A B …). */
  repeat: number;
  loadModel: LoadModel;
  durationSec: number;
  warmupSec: number;
  requests: number;
  errors: number;
  non2xx: number;
  throughput: number;
  /** Requests completed in each whole second of the measured window. */
  perSecond: number[];
  /** Least-squares slope of perSecond relative to its mean, per second; flagged when the run decays. */
  decay: { slopePerSec: number; relativePerSec: number; flagged: boolean };
  latencyMs: LatencyMs;
  /** Base64 HDR histogram (microseconds) so runs can be merged, never averaged. */
  histogram: string | null;
  generator: {
    /** CPU the load generator used, in cores (1.0 = one core busy). */
    cpuCores: number;
    offeredRate: number | null;
    deliveredRate: number;
    droppedIterations: number | null;
    /** True when the generator's own CPU limited the run (its timings are then suspect). */
    saturated: boolean;
    /**
     * Open model: whether the offered rate was delivered (≥ 95%); null for the closed model. False
     * with an unsaturated generator: the server could not keep up within the connection cap.
     */
    rateHeld: boolean | null;
    reason: string | null;
  };
  server: {
    queriesPerRequest: number | null;
    bytesPerResponse: number | null;
    cacheHitRatio: number | null;
    cacheErrors: number | null;
  };
  thresholds: ThresholdResult[];
}

export interface CalibrationRun {
  driver: DriverName | 'wrk';
  connections: number;
  durationSec: number;
  throughput: number;
  latencyMs: LatencyMs;
  generatorCpuCores: number;
}

/** The comparison summary's shape lives with the statistics that produce it. */
export type { ComparisonSummary, RatioEstimate, VariantOutcomes, Verdict } from '../stats/comparison-summary.ts';
