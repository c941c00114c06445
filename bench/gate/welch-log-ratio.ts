import { mean, sampleVariance } from 'simple-statistics';
import type { RatioEstimate } from '../results/types.ts';
import { tCritical } from '../stats/student-t.ts';

/** A mean on the log scale with its standard error and the samples it came from. */
export interface LogEstimate {
  logMean: number;
  standardError: number;
  samples: number;
}

/**
 * The log-scale estimate behind a stored `t-mean-log-ratio` ratio: the interval is
 * exp(m ± t(n−1)·se), so se = ln(hi/lo) / (2·t(n−1)) recovers the standard error exactly.
 * Null when the ratio has no interval (fewer than 3 pairs).
 */
export function logEstimateOfRatio(ratio: RatioEstimate): LogEstimate | null {
  if (ratio.estimate === null || ratio.ci95 === null || ratio.samples < 2) return null;
  const [low, high] = ratio.ci95;
  return { logMean: Math.log(ratio.estimate), standardError: Math.log(high / low) / (2 * tCritical(0.95, ratio.samples - 1)), samples: ratio.samples };
}

/** The log-scale mean of positive per-run values (zeros are dropped: they have no logarithm); null below 2 values. */
export function logEstimateOfRuns(values: readonly number[]): LogEstimate | null {
  const logs = values.filter((value) => value > 0 && Number.isFinite(value)).map(Math.log);
  if (logs.length < 2) return null;
  return { logMean: mean(logs), standardError: Math.sqrt(sampleVariance(logs) / logs.length), samples: logs.length };
}

/** A ratio candidate/baseline with its 95% interval. */
export interface RatioWithInterval {
  estimate: number;
  interval: [number, number];
  degreesOfFreedom: number;
}

/**
 * candidate/baseline of two geometric means, each from its own independent runs: the
 * difference of the two log means with a Welch t interval (standard errors added in
 * quadrature, Welch–Satterthwaite degrees of freedom), back-transformed.
 *
 * Why not a bootstrap over pairs: the two documents are independent runs with 3–6 pairs
 * each; a percentile bootstrap at n = 3–6 under-covers badly (≈74% at n = 3, see
 * bench/stats/paired-ratio-interval.ts), while the log ratios are close to normal (noise is
 * multiplicative), which is exactly where Welch's t is accurate at small n.
 */
export function welchLogRatio(candidate: LogEstimate, baseline: LogEstimate, confidence = 0.95): RatioWithInterval {
  const vc = candidate.standardError ** 2;
  const vb = baseline.standardError ** 2;
  const combined = vc + vb;
  const denominator = vc ** 2 / (candidate.samples - 1) + vb ** 2 / (baseline.samples - 1);
  // both spreads 0 (identical runs): any df gives a zero-width interval; keep the smaller sample's
  const df = denominator > 0 ? Math.max(1, combined ** 2 / denominator) : Math.max(1, Math.min(candidate.samples, baseline.samples) - 1);
  const difference = candidate.logMean - baseline.logMean;
  const halfWidth = tCritical(confidence, df) * Math.sqrt(combined);
  return { estimate: Math.exp(difference), interval: [Math.exp(difference - halfWidth), Math.exp(difference + halfWidth)], degreesOfFreedom: df };
}
