import type { LatencyMs, LoadModel, ScenarioRun, ThresholdResult } from '../results/types.ts';
import type { RequestSpec } from '../../scenarios/types.ts';

export type { LatencyMs, LoadModel, RequestSpec, ThresholdResult };

/** One live progress sample: the requests completed in second `second` (0-based) of the window. */
export interface TickEvent {
  second: number;
  reqPerSec: number;
}

/** Hooks every driver takes: abort kills the generator and rejects with the signal's reason. */
export interface DriverHooks {
  signal?: AbortSignal;
  onTick?: (tick: TickEvent) => void;
}

/** Answers of one window by status class; `transport`: no HTTP status at all (refused, reset, timed out). */
export interface StatusClasses {
  '2xx': number;
  '3xx': number;
  '4xx': number;
  /** 5xx, and any status outside 200–499 a server should not send as a final answer. */
  '5xx': number;
  transport: number;
}

/** The generator's own figures, plus what the results schema does not hold yet (see `execute-run.ts`). */
export type GeneratorFigures = ScenarioRun['generator'] & {
  /**
   * k6 ran out of VUs (dropped_iterations > 0 or its "Insufficient VUs" warning): arrivals it could
   * not start are missing, so its latencies omit the queue they would have waited in. Null for a
   * generator without VUs (autocannon's open-model scheduler queues instead and counts the wait).
   */
  vusExhausted: boolean | null;
};

/**
 * What a driver measured over one window (warm-up is a separate, discarded call): the measured
 * part of a ScenarioRun. Success = a 2xx answer; throughput, perSecond and latency count
 * successes only, so a variant that fails fast cannot look fast.
 */
export interface DriverOutput {
  /** HTTP answers of any status (transport failures have none: see `errors`). */
  requests: number;
  /** Transport failures: refused, reset, timed out (no HTTP status). */
  errors: number;
  non2xx: number;
  /** 2xx answers. */
  succeeded: number;
  /** Everything else: non-2xx answers plus transport failures. */
  failed: number;
  statusClasses: StatusClasses;
  /** failed / (succeeded + failed), 0..1; null when nothing was sent. */
  failureRate: number | null;
  /** Successful (2xx) requests per second of the measured window. */
  throughput: number;
  /** Successes in each whole second of the measured window; sums to `succeeded`. */
  perSecond: number[];
  /** p95 latency (ms) of the successes of each whole second; null for a second with none. Absent: not measured. */
  p95PerSecond?: (number | null)[];
  /** Base64 HDR histogram (µs, 2 significant digits) of each second's successes, so instances can be merged; not stored. */
  perSecondHistograms?: (string | null)[];
  /** Latency of the successes; all zero when there was none (then `histogram` is null). */
  latencyMs: LatencyMs;
  /** Base64 HDR histogram of the successes' latencies in microseconds; null when none succeeded. */
  histogram: string | null;
  /** Base64 HDR histogram (µs) of the failures that got an answer or timed out; null when none. */
  failureHistogram: string | null;
  /** How the latencies were recorded (e.g. coordinated-omission correction), one sentence. */
  latencyNote: string;
  generator: GeneratorFigures;
  thresholds: ThresholdResult[];
}
