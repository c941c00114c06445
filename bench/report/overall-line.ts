import type { SloOutcome } from './slo-outcome.ts';
import type { Results } from '../results/types.ts';

/**
 * The run in one line, for the first line of results.md and the HTML banner:
 * "✅ perflab: all 4 SLOs met — 2 comparisons: 1 faster, 1 inconclusive".
 */
export function overallLine(results: Results, slo: SloOutcome): string {
  const partial = results.run.complete ? '' : ' (PARTIAL run)';
  const verdicts = verdictCounts(results);
  const tail = results.comparisons.length > 0 ? ` — ${verdicts}` : ' — no comparison completed';
  if (slo.checked === 0) return `⚠ perflab: no SLO checked${partial}${tail}`;
  if (slo.failures.length === 0) return `✅ perflab: all ${slo.checked} SLOs met${partial}${tail}`;
  return `❌ perflab: ${slo.failures.length} of ${slo.checked} SLOs failed${partial}${tail}`;
}

/** "2 comparisons: 1 faster, 1 inconclusive", verdicts counted as stored, in first-seen order. */
function verdictCounts(results: Results): string {
  const counts = new Map<string, number>();
  for (const summary of results.comparisons) counts.set(summary.verdict, (counts.get(summary.verdict) ?? 0) + 1);
  const ids = new Set(results.comparisons.map((summary) => summary.comparison)).size;
  const pairs = results.comparisons.length;
  const scope = `${ids} ${ids === 1 ? 'comparison' : 'comparisons'}${pairs > ids ? ` (${pairs} with their drivers)` : ''}`;
  return `${scope}: ${[...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ')}`;
}
