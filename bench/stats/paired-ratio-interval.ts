import { mean, sampleStandardDeviation } from 'simple-statistics';
import { INTERVAL_METHOD, type RatioEstimate } from './comparison-summary.ts';
import { tCritical } from './student-t.ts';

/** Usable pairs needed before an interval is given (2 would give 12.7 standard errors at 95%). */
export const MIN_PAIRS_FOR_CI = 3;

/**
 * Ratio of `optimized[i] / naive[i]` over paired runs, with a 95% Student-t interval on the
 * mean log ratio, back-transformed: the estimate is the geometric mean of the per-pair ratios.
 *
 * Why this method: runs, not requests, are the independent samples (requests inside a run are
 * correlated), and the runs are interleaved pairs (A B, B A, …), so drift cancels within a
 * pair. Run-to-run noise is multiplicative, so the log ratio of a pair is close to normal, and
 * the t interval is then exact at any number of pairs (coverage 95%, shown by
 * `ratio-interval-coverage.test.ts`). A percentile bootstrap of the median, used before, is
 * [min, max] of the ratios at 3 pairs: it covered about 74%.
 *
 * Pairs follow index order. A pair with a zero on either side (a run that completed no
 * request) has no log ratio: it is counted in `emptyPairs`, not in `samples`, so a caller can
 * refuse a verdict rather than lose the run silently.
 *
 * For "lower is better" figures pass the arguments swapped (`naive` = optimized p95,
 * `optimized` = naive p95) so that > 1 still means optimized is better.
 *
 * @example
 * pairedRatioInterval([100, 110, 105], [400, 420, 390])
 * // → { estimate: ≈3.84, ci95: [≈3.50, ≈4.22], samples: 3, emptyPairs: 0, method: 't-mean-log-ratio' }
 */
export function pairedRatioInterval(naive: readonly number[], optimized: readonly number[], confidence = 0.95): RatioEstimate {
  const logRatios: number[] = [];
  let emptyPairs = 0;
  for (let i = 0; i < Math.min(naive.length, optimized.length); i++) {
    const ratio = (optimized[i] as number) / (naive[i] as number);
    if (ratio > 0 && Number.isFinite(ratio)) logRatios.push(Math.log(ratio));
    else emptyPairs++;
  }
  const samples = logRatios.length;
  if (samples === 0) return { estimate: null, ci95: null, samples, emptyPairs, method: INTERVAL_METHOD };
  const center = mean(logRatios);
  if (samples < MIN_PAIRS_FOR_CI) return { estimate: Math.exp(center), ci95: null, samples, emptyPairs, method: INTERVAL_METHOD };
  const halfWidth = (tCritical(confidence, samples - 1) * sampleStandardDeviation(logRatios)) / Math.sqrt(samples);
  return {
    estimate: Math.exp(center),
    ci95: [Math.exp(center - halfWidth), Math.exp(center + halfWidth)],
    samples,
    emptyPairs,
    method: INTERVAL_METHOD,
  };
}
