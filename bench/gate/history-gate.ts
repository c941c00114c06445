import type { Results } from '../results/types.ts';
import { decideChange } from './decide-change.ts';
import { decideAsFamily, familyNote, SINGLE_CHECK, type TimingFamily } from './timing-family.ts';
import { tCritical } from '../stats/student-t.ts';
import { MIN_STATEMENT_RISE } from './deterministic-checks.ts';
import { DEFAULT_GATE_OPTIONS, type GateOptions } from './gate-options.ts';
import type { GateCheck } from './gate-schema.ts';
import { historyReference, sameHostRuns } from './history-baseline.ts';
import { hostFingerprintText } from './host-fingerprint.ts';
import type { HistoryLine } from './history.ts';
import { fmt, oneSided } from './pairs-by-key.ts';
import { GateInputError, UNRECORDED_NOTES, summarize, verdictOf, type GateOutcome } from './run-gate.ts';
import { sloChecks } from './slo-checks.ts';

/**
 * The gate against the median of the last `n` same-host runs in the history
 * (`--baseline-from-history N`): statements per request (0% tolerance) and each headline
 * ratio (statements fail from +MIN_STATEMENT_RISE per request over the median), the candidate's own 95% interval against the median taken as a fixed reference.
 * The median's own noise (≈ 1.25·σ/√n) is left out, so with few runs the interval is a little
 * narrow; the history holds no absolute figures, so there are no absolute checks.
 * @throws GateInputError when no usable run is in the history.
 */
export function runHistoryGate(history: readonly HistoryLine[], candidate: Results, n: number, sources: { history: string; candidate: string }, options: GateOptions = DEFAULT_GATE_OPTIONS): GateOutcome {
  const host = hostFingerprintText(candidate.run.host);
  const runs = sameHostRuns(history, { id: candidate.run.id, host, scale: candidate.dataset.scale, seed: candidate.dataset.seed }, n);
  if (runs.length === 0) throw new GateInputError(`${sources.history} has no complete run of this host and data set (scale ${candidate.dataset.scale}/seed ${candidate.dataset.seed}) to take a baseline from`);
  const reference = historyReference(runs);
  const decided = options.deterministicOnly ? null : decideAsFamily((family) => historyChecks(reference, candidate, options, family));
  const checks = decided ? decided.checks : historyChecks(reference, candidate, options, SINGLE_CHECK);
  if (!options.deterministicOnly) checks.push(...sloChecks({ ...candidate, variants: [] }, candidate));
  const verdict = verdictOf(checks);
  const notes = [...UNRECORDED_NOTES, `Baseline: the median of the last ${runs.length} same-host run(s) in the history (${runs[0]!.id} … ${runs.at(-1)!.id}); the history holds no absolute figures, so none is compared.`];
  if (options.deterministicOnly) notes.push('--deterministic-only: no timing or SLO check ran.');
  if (decided) notes.push(familyNote(decided.family));
  return {
    verdict,
    summary: summarize(verdict, checks),
    baseline: { runId: `median of ${runs.length} runs`, gitSha: null, source: sources.history, hostFingerprint: host },
    candidate: { runId: candidate.run.id, gitSha: candidate.run.gitSha, source: sources.candidate, hostFingerprint: host },
    sameHost: true,
    minEffect: options.minEffect,
    deterministicOnly: options.deterministicOnly,
    checks,
    notes,
  };
}

/**
 * Statements per request of each variant and each headline ratio, against the history's medians.
 * A ratio's interval is the candidate's stored 95% one, widened to the family's level.
 */
function historyChecks(reference: ReturnType<typeof historyReference>, candidate: Results, options: GateOptions, family: TimingFamily): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const ref of reference) {
    const summary = candidate.comparisons.find((c) => c.comparison === ref.comparison && c.driver === ref.driver);
    for (const variant of ['naive', 'optimized'] as const) {
      const base = { name: `queries/request ${ref.comparison} ${variant} (${ref.driver})`, kind: 'deterministic' as const, comparison: ref.comparison, driver: ref.driver, unit: 'statements', interval: null, baseline: ref.queriesPerRequest[variant] };
      const after = summary?.queriesPerRequest[variant] ?? null;
      if (!summary) checks.push({ ...base, candidate: null, change: null, ...oneSided(true) });
      else if (base.baseline === null || after === null) checks.push({ ...base, candidate: after, change: null, status: 'inconclusive', evidence: 'statements per request were not read on a side' });
      else checks.push({ ...base, candidate: after, change: after - base.baseline, status: after - base.baseline >= MIN_STATEMENT_RISE ? 'fail' : 'pass', evidence: after - base.baseline >= MIN_STATEMENT_RISE ? `${ref.comparison} ${variant} now runs ${fmt(after)} statements per request, median ${fmt(base.baseline)} over ${ref.runs} runs (fails from +${MIN_STATEMENT_RISE})` : `${fmt(after)} statements per request, median ${fmt(base.baseline)} over ${ref.runs} runs` });
    }
    if (options.deterministicOnly || !summary) continue;
    const open = candidate.variants.some((v) => v.comparison === ref.comparison && v.driver === ref.driver && v.loadModel.type === 'open');
    const ratio = open ? summary.p95Ratio : summary.throughputRatio;
    const before = open ? ref.p95Ratio : ref.throughputRatio;
    const base = { name: `optimized/naive ${open ? 'p95' : 'throughput'} ratio ${ref.comparison} (${ref.driver})`, kind: 'relative' as const, comparison: ref.comparison, driver: ref.driver, unit: '×', baseline: before, candidate: ratio.estimate };
    if (before === null || ratio.estimate === null || ratio.ci95 === null) {
      checks.push({ ...base, change: null, interval: null, status: 'inconclusive', evidence: before === null ? 'no ratio in the history' : `the candidate (${ratio.samples} pairs) has no interval: at least 3 pairs are needed` });
      continue;
    }
    const df = ratio.samples - 1;
    const half = (Math.log(ratio.ci95[1] / ratio.ci95[0]) / 2) * (tCritical(family.confidence, df) / tCritical(0.95, df));
    const center = Math.log(ratio.estimate / before);
    const change = { estimate: Math.exp(center), interval: [Math.exp(center - half), Math.exp(center + half)] as [number, number], degreesOfFreedom: df };
    const decided = decideChange(change, options.minEffect, true, family.label);
    checks.push({ ...base, change: change.estimate, interval: change.interval, confidence: family.confidence, degreesOfFreedom: df, status: decided.status, evidence: `median ${fmt(before)}× over ${ref.runs} runs → ${fmt(ratio.estimate)}×: ${decided.evidence}` });
  }
  return checks;
}
