import { isAaRun } from './aa-mode.ts';
import type { SloOutcome } from './slo-outcome.ts';
import type { Results } from '../results/types.ts';

/** The run in one sentence, and whether it passed: the first line of results.md and the banner of report.html. */
export interface OverallStatus {
  tone: 'pass' | 'fail' | 'warn';
  /** e.g. "perflab: all 4 SLOs met — 2 comparisons: 1 faster, 1 inconclusive". */
  text: string;
}

/** pass: every SLO met; fail: at least one failed; warn: none checked (no optimized run completed). */
export function overallStatus(results: Results, slo: SloOutcome): OverallStatus {
  const partial = results.run.complete ? '' : ' (PARTIAL run)';
  const tail = results.comparisons.length > 0 ? ` — ${verdictCounts(results)}` : ' — no comparison completed';
  const perflab = isAaRun(results) ? 'perflab A/A run' : 'perflab';
  if (slo.checked === 0) return { tone: 'warn', text: `${perflab}: no SLO checked${partial}${tail}` };
  if (slo.failures.length === 0) return { tone: 'pass', text: `${perflab}: all ${slo.checked} SLOs met${partial}${tail}` };
  return { tone: 'fail', text: `${perflab}: ${slo.failures.length} of ${slo.checked} SLOs failed${partial}${tail}` };
}

/** The status with its mark for text reports: "✅ perflab: all 4 SLOs met — …". */
export function overallLine(results: Results, slo: SloOutcome): string {
  const status = overallStatus(results, slo);
  return `${MARKS[status.tone]} ${status.text}`;
}

const MARKS = { pass: '✅', fail: '❌', warn: '⚠' } as const;

/** "2 comparisons: 1 faster, 1 inconclusive", verdicts counted as stored, in first-seen order. */
function verdictCounts(results: Results): string {
  const counts = new Map<string, number>();
  for (const summary of results.comparisons) counts.set(summary.verdict, (counts.get(summary.verdict) ?? 0) + 1);
  const ids = new Set(results.comparisons.map((summary) => summary.comparison)).size;
  const pairs = results.comparisons.length;
  const scope = `${ids} ${ids === 1 ? 'comparison' : 'comparisons'}${pairs > ids ? ` (${pairs} with their drivers)` : ''}`;
  return `${scope}: ${[...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ')}`;
}
