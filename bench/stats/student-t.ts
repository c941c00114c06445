import jStat from 'jstat';

/**
 * The critical value t such that P(−t < T < t) = `confidence` for Student's t with `df`
 * degrees of freedom (e.g. 2.776 for 95% at 4 df): the half-width of a t interval in
 * standard errors.
 */
export function tCritical(confidence: number, df: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  return jStat.studentt.inv(1 - (1 - confidence) / 2, df);
}

/** One-sided lower-tail p-value P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function tLowerTailP(t: number, df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  return jStat.studentt.cdf(t, df);
}
