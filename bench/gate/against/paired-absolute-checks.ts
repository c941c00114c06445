import { mean } from 'simple-statistics';
import type { Results } from '../../results/types.ts';
import { tCritical } from '../../stats/student-t.ts';
import { ABSOLUTE_FIGURES } from '../absolute-checks.ts';
import { decideChange } from '../decide-change.ts';
import type { GateCheck } from '../gate-schema.ts';
import { comparisonDrivers, fmt, geometricMeanOrNull } from '../pairs-by-key.ts';
import { starvedRuns } from '../starved-runs.ts';
import { SINGLE_CHECK, type TimingFamily } from '../timing-family.ts';
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

/**
 * `--against`: req/s and p50/p95/p99 of every optimized path, paired by round (a scenario's
 * `repeat` is its round): both builds ran on this host, so the absolute figures compare
 * honestly. Each figure's variance is pooled over the comparisons (`pooledPairedLogRatios`).
 */
export function pairedAbsoluteChecks(base: Results, candidate: Results, minEffect: number, family: TimingFamily = SINGLE_CHECK): GateCheck[] {
  const perKey = comparisonDrivers(candidate.scenarios.filter((s) => s.variant === 'optimized')).map(({ comparison, driver }) => {
    const allRuns = (results: Results) => results.scenarios.filter((s) => s.variant === 'optimized' && s.comparison === comparison && s.driver === driver);
    const runs = (results: Results) => allRuns(results).filter((s) => s.succeeded > 0);
    return { comparison, driver, starved: starvedRuns(allRuns(base), allRuns(candidate)), baseRuns: runs(base), candidateRuns: runs(candidate) };
  });
  const byFigure = ABSOLUTE_FIGURES.map((figure) => {
    const pairs = perKey.map(({ baseRuns, candidateRuns }) => {
      const byRound = new Map(baseRuns.map((s) => [s.repeat, figure.read(s)]));
      return candidateRuns.flatMap((s) => (byRound.has(s.repeat) ? [[byRound.get(s.repeat) as number, figure.read(s)] as const] : []));
    });
    // a starved path's pairs (none, or a few) are decided apart and must not set the others' noise
    return { figure, pairs, changes: pooledPairedLogRatios(pairs.map((p, i) => (perKey[i]?.starved ? [] : p)), family.confidence) };
  });
  return perKey.flatMap(({ comparison, driver, starved }, i) =>
    byFigure.map(({ figure: { figure, unit, higherIsBetter }, pairs: allPairs, changes }): GateCheck => {
      const pairs = allPairs[i] ?? [];
      const before = geometricMeanOrNull(pairs.map((p) => p[0]).filter((v) => v > 0));
      const after = geometricMeanOrNull(pairs.map((p) => p[1]).filter((v) => v > 0));
      const common = { name: `${figure} ${comparison} optimized (${driver}, paired)`, kind: 'absolute' as const, comparison, driver, unit, baseline: before, candidate: after };
      if (starved) return { ...common, change: null, interval: null, ...starved };
      const change = changes[i];
      if (!change) return { ...common, change: null, interval: null, status: 'inconclusive', evidence: `${pairs.length} round(s) with completed requests on both builds: at least 2 are needed for an interval` };
      const decided = decideChange(change, minEffect, higherIsBetter, family.label);
      return { ...common, change: change.estimate, interval: change.interval, confidence: family.confidence, degreesOfFreedom: change.degreesOfFreedom, status: decided.status, evidence: `${fmt(before as number)} → ${fmt(after as number)} ${unit} over ${pairs.length} paired rounds (noise pooled over ${changes.filter(Boolean).length} comparisons, ${change.degreesOfFreedom} df): ${decided.evidence}` };
    }),
  );
}
