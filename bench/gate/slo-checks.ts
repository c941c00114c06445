import type { Results } from '../results/types.ts';
import type { GateCheck } from './gate-schema.ts';
import { joinByKey, oneSided, pairKey } from './pairs-by-key.ts';

/**
 * The catalog's SLOs as the candidate recorded them: failed thresholds of the optimized side
 * (summed over repeats) and the 'failed' verdict (its failure rate above 1%). Fails when the
 * candidate broke an SLO; the baseline's count is shown for context only, since an SLO is a
 * fixed limit, not a change.
 */
export function sloChecks(baseline: Results, candidate: Results): GateCheck[] {
  const optimized = (results: Results) => results.variants.filter((v) => v.variant === 'optimized');
  return joinByKey(optimized(baseline), optimized(candidate), (v) => pairKey(v.comparison, v.driver)).map(({ baseline: b, candidate: c }) => {
    const any = (b ?? c)!;
    const base = { name: `SLOs ${any.comparison} optimized (${any.driver})`, kind: 'slo' as const, comparison: any.comparison, driver: any.driver, unit: 'failed thresholds', interval: null };
    if (!c) return { ...base, baseline: b?.failedThresholds ?? null, candidate: null, change: null, ...oneSided(true) };
    const verdict = candidate.comparisons.find((s) => s.comparison === any.comparison && s.driver === any.driver);
    const failedVerdict = verdict?.verdict === 'failed' ? `; ${verdict.verdictReason}` : '';
    const change = b ? c.failedThresholds - b.failedThresholds : null;
    const status = c.failedThresholds > 0 || failedVerdict ? ('fail' as const) : ('pass' as const);
    const evidence = status === 'fail' ? `the candidate broke ${c.failedThresholds} SLO threshold(s) over ${c.repeats} run(s)${failedVerdict}` : `every SLO threshold met in ${c.repeats} run(s)`;
    return { ...base, baseline: b?.failedThresholds ?? null, candidate: c.failedThresholds, change, status, evidence };
  });
}
