import { geometricMean } from 'simple-statistics';

/** The (comparison, driver) key checks join baseline and candidate on. */
export const pairKey = (comparison: string, driver: string, variant = ''): string => `${comparison}\u0000${driver}\u0000${variant}`;

/** The (comparison, driver) pairs of `scenarios`, each once, in first-seen order. */
export function comparisonDrivers(scenarios: readonly { comparison: string; driver: string }[]): { comparison: string; driver: string }[] {
  const seen = new Map<string, { comparison: string; driver: string }>();
  for (const { comparison, driver } of scenarios) if (!seen.has(pairKey(comparison, driver))) seen.set(pairKey(comparison, driver), { comparison, driver });
  return [...seen.values()];
}

/** The geometric mean of positive values; null for none. */
export function geometricMeanOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : geometricMean([...values]);
}

/** Every key of either side in first-seen order (baseline first), with the item of each side or undefined. */
export function joinByKey<T>(baseline: readonly T[], candidate: readonly T[], key: (item: T) => string): { key: string; baseline: T | undefined; candidate: T | undefined }[] {
  const a = new Map(baseline.map((item) => [key(item), item]));
  const b = new Map(candidate.map((item) => [key(item), item]));
  return [...new Set([...a.keys(), ...b.keys()])].map((k) => ({ key: k, baseline: a.get(k), candidate: b.get(k) }));
}

/** The status and sentence of a check whose comparison ran on one side only. */
export function oneSided(baselineHas: boolean): { status: 'inconclusive' | 'not-compared'; evidence: string } {
  return baselineHas
    ? { status: 'inconclusive', evidence: 'in the baseline but not in the candidate: the candidate did not run it (--only, or removed), so it could not be checked' }
    : { status: 'not-compared', evidence: 'new in the candidate: the baseline has no figure to compare with' };
}

/** A number with 3 significant figures, for evidence sentences. */
export const fmt = (value: number): string => String(Number(value.toPrecision(3)));
