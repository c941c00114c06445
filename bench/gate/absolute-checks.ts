import type { Results, ScenarioRun } from '../results/types.ts';
import { decideChange } from './decide-change.ts';
import { SINGLE_CHECK, type TimingFamily } from './timing-family.ts';
import type { GateCheck } from './gate-schema.ts';
import { hostDifferences } from './host-fingerprint.ts';
import { fmt, joinByKey, oneSided, pairKey } from './pairs-by-key.ts';
import { starvedRuns } from './starved-runs.ts';
import { logEstimateOfRuns, welchLogRatio } from './welch-log-ratio.ts';

/** The absolute figures of an optimized path the gate compares, and which way is better. */
export const ABSOLUTE_FIGURES = [
  { figure: 'req/s', unit: 'req/s', higherIsBetter: true, read: (run: ScenarioRun) => run.throughput },
  { figure: 'p50', unit: 'ms', higherIsBetter: false, read: (run: ScenarioRun) => run.latencyMs.p50 },
  { figure: 'p95', unit: 'ms', higherIsBetter: false, read: (run: ScenarioRun) => run.latencyMs.p95 },
  { figure: 'p99', unit: 'ms', higherIsBetter: false, read: (run: ScenarioRun) => run.latencyMs.p99 },
] as const;

/**
 * Requests/s and p50/p95/p99 of every optimized path, candidate against baseline, from the
 * per-run figures (runs are the independent samples): geometric means with a Welch interval
 * on the log scale. Only honest on one machine: when the host fingerprints differ, every
 * such check is 'not-compared' and names the difference, never a silent pass.
 */
export function absoluteChecks(baseline: Results, candidate: Results, minEffect: number, family: TimingFamily = SINGLE_CHECK): GateCheck[] {
  const differences = hostDifferences(baseline.run.host, candidate.run.host);
  const optimized = (results: Results) => results.variants.filter((v) => v.variant === 'optimized');
  return joinByKey(optimized(baseline), optimized(candidate), (v) => pairKey(v.comparison, v.driver)).flatMap(({ baseline: b, candidate: c }) => {
    const any = (b ?? c)!;
    return ABSOLUTE_FIGURES.map(({ figure, unit, higherIsBetter, read }): GateCheck => {
      const allRuns = (results: Results) => results.scenarios.filter((s) => s.variant === 'optimized' && s.comparison === any.comparison && s.driver === any.driver);
      const runs = (results: Results) => allRuns(results).filter((s) => s.succeeded > 0).map(read);
      const before = b ? (figure === 'req/s' ? b.throughput : b.latencyMs[figure]) : null;
      const after = c ? (figure === 'req/s' ? c.throughput : c.latencyMs[figure]) : null;
      const base = { name: `${figure} ${any.comparison} optimized (${any.driver})`, kind: 'absolute' as const, comparison: any.comparison, driver: any.driver, unit, baseline: before, candidate: after };
      if (!b || !c) return { ...base, change: null, interval: null, ...oneSided(b !== undefined) };
      if (differences.length > 0) return { ...base, change: null, interval: null, status: 'not-compared', evidence: `not compared: different host (${differences.join(', ')})` };
      const starved = starvedRuns(allRuns(baseline), allRuns(candidate));
      if (starved) return { ...base, change: null, interval: null, ...starved };
      const a = logEstimateOfRuns(runs(candidate));
      const z = logEstimateOfRuns(runs(baseline));
      if (!a || !z) return { ...base, change: null, interval: null, status: 'inconclusive', evidence: 'fewer than 2 runs with completed requests on a side: no interval' };
      const change = welchLogRatio(a, z, family.confidence);
      const decided = decideChange(change, minEffect, higherIsBetter, family.label);
      return { ...base, change: change.estimate, interval: change.interval, confidence: family.confidence, degreesOfFreedom: change.degreesOfFreedom, status: decided.status, evidence: `${fmt(before as number)} → ${fmt(after as number)} ${unit}: ${decided.evidence}` };
    });
  });
}
