import { mean } from 'simple-statistics';
import { tCritical } from '../../stats/student-t.ts';
import type { RatioWithInterval } from '../welch-log-ratio.ts';

/**
 * Pure: for each group of paired log ratios candidate/base (one per round: both runs adjacent in
 * an ABBA order, so slow drifts of the shared host cancel within a pair), its mean with a
 * Student-t interval whose variance is pooled over the groups: the round-to-round noise of one
 * figure is one host's, common to the comparisons of a gate, and 3 rounds alone give a group 2 df,
 * whose variance now and then comes out near 0 and makes a false "worse". Null for a group
 * below 2 usable pairs (and every group when none has 2).
 */
export function pooledPairedLogRatios(groups: readonly (readonly (readonly [number, number])[])[], confidence = 0.95): (RatioWithInterval | null)[] {
  const logs = groups.map((pairs) => pairs.filter(([b, c]) => b > 0 && c > 0 && Number.isFinite(b) && Number.isFinite(c)).map(([b, c]) => Math.log(c / b)));
  const usable = logs.filter((l) => l.length >= 2);
  const df = usable.reduce((n, l) => n + l.length - 1, 0);
  if (df === 0) return groups.map(() => null);
  const variance = usable.reduce((sum, l) => {
    const m = mean(l);
    return sum + l.reduce((s, x) => s + (x - m) ** 2, 0);
  }, 0) / df;
  const t = tCritical(confidence, df);
  return logs.map((l) => {
    if (l.length < 2) return null;
    const m = mean(l);
    const half = t * Math.sqrt(variance / l.length);
    return { estimate: Math.exp(m), interval: [Math.exp(m - half), Math.exp(m + half)], degreesOfFreedom: df };
  });
}

/** Pure: one group's paired log ratio with its own variance (n − 1 df); null below 2 usable pairs. */
export function pairedLogRatio(pairs: readonly (readonly [number, number])[], confidence = 0.95): RatioWithInterval | null {
  return pooledPairedLogRatios([pairs], confidence)[0] ?? null;
}
