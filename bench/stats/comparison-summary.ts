import type { DriverName } from '../results/types.ts';

/**
 * How a ratio's interval is computed: a Student-t interval on the mean of the per-pair log
 * ratios, back-transformed (see `pairedRatioInterval`).
 */
export const INTERVAL_METHOD = 't-mean-log-ratio';

/** A ratio over paired runs where > 1 means the optimized side is better. */
export interface RatioEstimate {
  /**
   * Geometric mean of the per-pair ratios (exp of the mean log ratio): optimized/naive for
   * throughput, naive/optimized for latency. Null when no pair is usable.
   */
  estimate: number | null;
  /** 95% interval of the geometric-mean ratio; null below MIN_PAIRS_FOR_CI usable pairs. */
  ci95: [number, number] | null;
  /** Usable pairs (one naive and one optimized run, interleaved), the samples of the interval. */
  samples: number;
  /** Pairs left out because a run in them completed no request (a ratio with 0 has no log). */
  emptyPairs: number;
  method: typeof INTERVAL_METHOD;
}

/**
 * - faster / slower: the 95% interval excludes 1 and the estimate is at least the minimum effect.
 * - no-difference-shown: enough pairs, but the interval includes 1 or the effect is below the minimum.
 * - failed: the optimized side's failure rate broke its SLO (it is never called faster then).
 * - no-verdict: too few pairs, a run with no completed request, or verdicts off (`--quick`).
 */
export const VERDICTS = ['faster', 'slower', 'no-difference-shown', 'failed', 'no-verdict'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Requests of one variant summed over its runs: 2xx answers, and everything else. */
export interface VariantOutcomes {
  successes: number;
  /** Non-2xx answers plus transport errors and timeouts. */
  failures: number;
}

/** What one (comparison, driver) showed over its paired runs. */
export interface ComparisonSummary {
  comparison: string;
  driver: DriverName;
  throughputRatio: RatioEstimate;
  p95Ratio: RatioEstimate;
  queriesPerRequest: { naive: number | null; optimized: number | null };
  outcomes: { naive: VariantOutcomes; optimized: VariantOutcomes };
  verdict: Verdict;
  /** One sentence saying why, e.g. "95% interval 0.93×–1.12× includes 1". */
  verdictReason: string;
}
