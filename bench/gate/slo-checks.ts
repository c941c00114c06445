import type { Results } from '../results/types.ts';
import type { GateCheck } from './gate-schema.ts';
import { joinByKey, oneSided, pairKey } from './pairs-by-key.ts';

/**
 * The catalog's SLOs as the candidate recorded them: failed thresholds of the optimized side
 * (summed over repeats) and the 'failed' verdict (its failure rate above 1%). Fails when the
 * candidate broke an SLO the baseline met (or one with no baseline): the change broke it. An
 * SLO broken on both sides is not this change's doing: it passes, its evidence says "already
 * broken in the baseline" and `brokenInBoth` lets the report name it, never silently.
 */
/** How the evidence of an SLO broken on both sides starts (the gate notes list such checks). */
export const ALREADY_BROKEN = 'already broken in the baseline, not by this change';

export function sloChecks(baseline: Results, candidate: Results): GateCheck[] {
  const optimized = (results: Results) => results.variants.filter((v) => v.variant === 'optimized');
  return joinByKey(optimized(baseline), optimized(candidate), (v) => pairKey(v.comparison, v.driver)).map(({ baseline: b, candidate: c }) => {
    const any = (b ?? c)!;
    const base = { name: `SLOs ${any.comparison} optimized (${any.driver})`, kind: 'slo' as const, comparison: any.comparison, driver: any.driver, unit: 'failed thresholds', interval: null };
    if (!c) return { ...base, baseline: b?.failedThresholds ?? null, candidate: null, change: null, ...oneSided(true) };
    const verdict = candidate.comparisons.find((s) => s.comparison === any.comparison && s.driver === any.driver);
    const failedVerdict = verdict?.verdict === 'failed' ? `; ${verdict.verdictReason}` : '';
    const change = b ? c.failedThresholds - b.failedThresholds : null;
    const broken = c.failedThresholds > 0 || failedVerdict !== '';
    const baselineVerdict = baseline.comparisons.find((s) => s.comparison === any.comparison && s.driver === any.driver)?.verdict;
    const alreadyBroken = b !== undefined && (b.failedThresholds > 0 || baselineVerdict === 'failed');
    const status = broken && !alreadyBroken ? ('fail' as const) : ('pass' as const);
    const what = `the candidate broke ${c.failedThresholds} SLO threshold(s) over ${c.repeats} run(s)${failedVerdict}`;
    const evidence = !broken ? `every SLO threshold met in ${c.repeats} run(s)` : alreadyBroken ? `${ALREADY_BROKEN}: ${what}; ${b.failedThresholds} in the baseline` : what;
    return { ...base, baseline: b?.failedThresholds ?? null, candidate: c.failedThresholds, change, status, evidence };
  });
}
