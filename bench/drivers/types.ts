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

/** What a driver measured over one window (warm-up is a separate, discarded call): the measured part of a ScenarioRun. */
export interface DriverOutput {
  requests: number;
  /** Transport failures: refused, reset, timed out (no HTTP status). */
  errors: number;
  non2xx: number;
  /** Completed requests per second of the measured window. */
  throughput: number;
  /** Requests completed in each whole second of the measured window; sums to `requests`. */
  perSecond: number[];
  latencyMs: LatencyMs;
  /** Base64 HDR histogram of latencies in microseconds. */
  histogram: string | null;
  /** How the latencies were recorded (e.g. coordinated-omission correction), one sentence. */
  latencyNote: string;
  generator: ScenarioRun['generator'];
  thresholds: ThresholdResult[];
}
