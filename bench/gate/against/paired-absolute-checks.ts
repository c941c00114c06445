import type { Results } from '../../results/types.ts';
import { ABSOLUTE_FIGURES } from '../absolute-checks.ts';
import { decideChange } from '../decide-change.ts';
import type { GateCheck } from '../gate-schema.ts';
import { comparisonDrivers, fmt, geometricMeanOrNull } from '../pairs-by-key.ts';
import { starvedRuns } from '../starved-runs.ts';
import { SINGLE_CHECK, type TimingFamily } from '../timing-family.ts';
import { pooledPairedLogRatios } from './pooled-log-ratios.ts';

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
