import type { ScenarioRun } from '../results/types.ts';

/**
 * Pure: the one case a timing check decides without an interval: one side's optimized path
 * completed no request in any of its windows (≥ 2) while the other side's completed requests in
 * every one of its windows (≥ 2). Its req/s is 0 and its latencies exceed the window, so there is
 * no log ratio to put an interval on, yet the change is beyond doubt: a fail when the candidate
 * starved, a pass when the baseline did. Null otherwise (the figures decide).
 */
export function starvedRuns(baseline: readonly Pick<ScenarioRun, 'succeeded'>[], candidate: readonly Pick<ScenarioRun, 'succeeded'>[]): { status: 'fail' | 'pass'; evidence: string } | null {
  const none = (runs: readonly Pick<ScenarioRun, 'succeeded'>[]) => runs.length >= 2 && runs.every((r) => r.succeeded === 0);
  const every = (runs: readonly Pick<ScenarioRun, 'succeeded'>[]) => runs.length >= 2 && runs.every((r) => r.succeeded > 0);
  if (none(candidate) && every(baseline)) {
    return { status: 'fail', evidence: `the candidate completed no request in any of its ${candidate.length} windows, the baseline completed requests in all ${baseline.length} of its windows` };
  }
  if (none(baseline) && every(candidate)) {
    return { status: 'pass', evidence: `the baseline completed no request in any of its ${baseline.length} windows, the candidate completed requests in all ${candidate.length} of its windows: not worse` };
  }
  return null;
}
