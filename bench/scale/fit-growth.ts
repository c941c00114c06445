import { linearRegression, linearRegressionLine, rSquared } from 'simple-statistics';

/** One measured point: a latency at a data set size. */
export interface GrowthPoint {
  rows: number;
  ms: number;
}

/** How a latency grows with rows, in words a reader can act on. */
export type GrowthClass = 'flat' | 'sub-linear' | 'linear' | 'super-linear';

export interface GrowthFit {
  /** Slope of log(ms) on log(rows): 0 flat, 1 linear, 2 quadratic; null when a latency is 0. */
  exponent: number | null;
  /** R² of the log–log fit; null with two points (a line through two points always fits). */
  rSquared: number | null;
  /** Slope of ms on rows, scaled to 100 000 rows: what each 100k more rows adds. */
  msPer100kRows: number;
  growth: GrowthClass | null;
}

/** Exponent bounds of each class: below 0.2 the latency barely moves over a 10× range (×1.6 at most). */
const CLASS_BOUNDS: [number, GrowthClass][] = [
  [0.2, 'flat'],
  [0.7, 'sub-linear'],
  [1.3, 'linear'],
];

/**
 * Fits latency against rows twice: log–log (slope = growth exponent, ms ∝ rows^k) and linear
 * (the ms each 100k rows add). Needs two or more distinct sizes. The exponent is the apparent
 * one over the sizes measured: a fixed cost (HTTP, parsing) pulls it below the true one at
 * small sizes, which is why the linear figure stands beside it.
 * @example
 * fitGrowth([{ rows: 1e4, ms: 2 }, { rows: 1e5, ms: 20 }]).exponent; // 1
 */
export function fitGrowth(points: readonly GrowthPoint[]): GrowthFit {
  if (new Set(points.map((p) => p.rows)).size < 2) throw new Error('fitGrowth needs points at two or more sizes');
  const linear = linearRegression(points.map((p) => [p.rows, p.ms]));
  const msPer100kRows = linear.m * 100_000;
  if (points.some((p) => !(p.ms > 0))) return { exponent: null, rSquared: null, msPer100kRows, growth: null };
  const logs = points.map((p) => [Math.log(p.rows), Math.log(p.ms)]);
  const logLog = linearRegression(logs);
  const fitted = points.length > 2 ? rSquared(logs, linearRegressionLine(logLog)) : null;
  return { exponent: logLog.m, rSquared: fitted === null || Number.isNaN(fitted) ? null : fitted, msPer100kRows, growth: classify(logLog.m) };
}

/** The class of a growth exponent. */
export function classify(exponent: number): GrowthClass {
  return CLASS_BOUNDS.find(([bound]) => exponent < bound)?.[1] ?? 'super-linear';
}

/** `+12.3 ms per 100k rows (exponent 0.98, linear)`: one variant's growth in one phrase. */
export function describeGrowth(fit: GrowthFit): string {
  const per = `${fit.msPer100kRows >= 0 ? '+' : '−'}${formatMs(Math.abs(fit.msPer100kRows))} ms per 100k rows`;
  if (fit.exponent === null) return `${per} (no exponent: a latency of 0 ms has no logarithm)`;
  return `${per} (exponent ${fit.exponent.toFixed(2)}, ${fit.growth})`;
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3);
}
