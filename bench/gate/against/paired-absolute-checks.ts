import { mean, sampleVariance } from 'simple-statistics';
import type { Results } from '../../results/types.ts';
import { tCritical } from '../../stats/student-t.ts';
import { ABSOLUTE_FIGURES } from '../absolute-checks.ts';
import { decideChange } from '../decide-change.ts';
import type { GateCheck } from '../gate-schema.ts';
import { fmt } from '../pairs-by-key.ts';
import { starvedRuns } from '../starved-runs.ts';
import type { RatioWithInterval } from '../welch-log-ratio.ts';

/**
 * Pure: candidate/base of paired log ratios (one per round: both runs adjacent in an ABBA
 * order, so slow drifts of the shared host cancel within a pair), mean with a Student-t 95%
 * interval on n − 1 df, back-transformed. Null below 2 usable pairs.
 */
export function pairedLogRatio(pairs: readonly (readonly [number, number])[]): RatioWithInterval | null {
  const logs = pairs.filter(([b, c]) => b > 0 && c > 0 && Number.isFinite(b) && Number.isFinite(c)).map(([b, c]) => Math.log(c / b));
  if (logs.length < 2) return null;
  const m = mean(logs);
  const half = tCritical(0.95, logs.length - 1) * Math.sqrt(sampleVariance(logs) / logs.length);
  return { estimate: Math.exp(m), interval: [Math.exp(m - half), Math.exp(m + half)], degreesOfFreedom: logs.length - 1 };
}

/**
 * `--against`: req/s and p50/p95/p99 of every optimized path, paired by round (a scenario's
 * `repeat` is its round): both builds ran on this host against the same database, so the
 * absolute figures compare honestly.
 */
export function pairedAbsoluteChecks(base: Results, candidate: Results, minEffect: number): GateCheck[] {
  const keys = [...new Set(candidate.scenarios.filter((s) => s.variant === 'optimized').map((s) => `${s.comparison}\u0000${s.driver}`))];
  return keys.flatMap((key) => {
    const [comparison, driver] = key.split('\u0000') as [string, string];
    const allRuns = (results: Results) => results.scenarios.filter((s) => s.variant === 'optimized' && s.comparison === comparison && s.driver === driver);
    const runs = (results: Results) => allRuns(results).filter((s) => s.succeeded > 0);
    const starved = starvedRuns(allRuns(base), allRuns(candidate));
    return ABSOLUTE_FIGURES.map(({ figure, unit, higherIsBetter, read }): GateCheck => {
      const byRound = new Map(runs(base).map((s) => [s.repeat, read(s)]));
      const pairs = runs(candidate).flatMap((s) => (byRound.has(s.repeat) ? [[byRound.get(s.repeat) as number, read(s)] as const] : []));
      const geo = (values: number[]) => (values.length === 0 ? null : Math.exp(mean(values.map(Math.log))));
      const before = geo(pairs.map((p) => p[0]).filter((v) => v > 0));
      const after = geo(pairs.map((p) => p[1]).filter((v) => v > 0));
      const common = { name: `${figure} ${comparison} optimized (${driver}, paired)`, kind: 'absolute' as const, comparison, driver, unit, baseline: before, candidate: after };
      if (starved) return { ...common, change: null, interval: null, ...starved };
      const change = pairedLogRatio(pairs);
      if (!change) return { ...common, change: null, interval: null, status: 'inconclusive', evidence: `${pairs.length} round(s) with completed requests on both builds: at least 2 are needed for an interval` };
      const decided = decideChange(change, minEffect, higherIsBetter);
      return { ...common, change: change.estimate, interval: change.interval, status: decided.status, evidence: `${fmt(before as number)} → ${fmt(after as number)} ${unit} over ${pairs.length} paired rounds: ${decided.evidence}` };
    });
  });
}
