import { linearRegression, mean } from 'simple-statistics';
import { tLowerTailP } from './student-t.ts';

/** How far throughput may fall over the measured window before it counts as decay. */
export const DECAY_MAX_DROP = 0.1;
/**
 * One-sided p-value of a falling slope (Student t, n − 2 degrees of freedom) below which the
 * trend is not noise. A fixed |t| > 3, used before, is p = 0.029 at 5 points (3 df), not 0.01.
 */
export const DECAY_MAX_P = 0.01;
/** Fewer whole seconds than this cannot tell a trend from noise: never flagged. */
export const DECAY_MIN_SECONDS = 4;

export interface Decay {
  /** Least-squares slope, requests/s per second. */
  slopePerSec: number;
  /** Slope divided by the mean throughput: -0.01 = losing 1% of the mean every second. */
  relativePerSec: number;
  /** True when the fitted line falls by more than DECAY_MAX_DROP over the window and the fit is significant. */
  flagged: boolean;
}

/**
 * Fits a line to the per-second throughput of one run and flags the run when it slows
 * down as it goes (the postgres.js busy-queue case: 36k → 7k req/s within a run) rather
 * than jittering around a level. Both conditions must hold: the fitted drop over the whole
 * window exceeds DECAY_MAX_DROP of the mean, and the one-sided p-value of a falling slope
 * (`fallingSlopeP`) is below DECAY_MAX_P, so a noisy but steady series is not flagged.
 *
 * @example
 * computeDecay([1000, 990, 1010, 1005, 995, 1000]).flagged // false
 * computeDecay([1000, 900, 800, 700, 600, 500]).flagged    // true
 */
export function computeDecay(perSecond: number[]): Decay {
  const n = perSecond.length;
  if (n < 2) return { slopePerSec: 0, relativePerSec: 0, flagged: false };
  const points = perSecond.map((value, second) => [second, value]);
  const { m: slope } = linearRegression(points);
  const level = mean(perSecond);
  const relativePerSec = level > 0 ? slope / level : 0;
  const drop = -relativePerSec * (n - 1);
  const flagged = n >= DECAY_MIN_SECONDS && drop > DECAY_MAX_DROP && fallingSlopeP(perSecond) < DECAY_MAX_P;
  return { slopePerSec: slope, relativePerSec, flagged };
}

/**
 * One-sided p-value that the least-squares slope of `values` (one per second) is below 0 by
 * chance alone: P(T ≤ t) for the slope's t-statistic with n − 2 degrees of freedom. 1 for fewer
 * than 3 points (no degree of freedom left).
 *
 * @example
 * fallingSlopeP([100, 97, 85, 90, 78]) // ≈ 0.0175 (t = −3.67, 3 df)
 */
export function fallingSlopeP(values: number[]): number {
  if (values.length < 3) return 1;
  const { m: slope, b: intercept } = linearRegression(values.map((value, second) => [second, value]));
  const t = slopeT(values, slope, intercept);
  if (Number.isNaN(t)) return 1;
  return t === -Infinity ? 0 : t === Infinity ? 1 : tLowerTailP(t, values.length - 2);
}

/** t-statistic of a least-squares slope: slope / its standard error. */
function slopeT(values: number[], slope: number, intercept: number): number {
  const n = values.length;
  const xMean = (n - 1) / 2;
  let residuals = 0;
  let spreadX = 0;
  values.forEach((y, x) => {
    residuals += (y - (intercept + slope * x)) ** 2;
    spreadX += (x - xMean) ** 2;
  });
  const standardError = Math.sqrt(residuals / (n - 2) / spreadX);
  if (standardError === 0) return slope < 0 ? -Infinity : slope > 0 ? Infinity : 0;
  return slope / standardError;
}
