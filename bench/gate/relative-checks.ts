import type { ComparisonSummary, Results } from '../results/types.ts';
import { decideChange } from './decide-change.ts';
import { SINGLE_CHECK, type TimingFamily } from './timing-family.ts';
import type { GateCheck } from './gate-schema.ts';
import { fmt, joinByKey, oneSided, pairKey } from './pairs-by-key.ts';
import { logEstimateOfRatio, welchLogRatio } from './welch-log-ratio.ts';

/**
 * Each comparison's headline optimized/naive ratio (throughput under a closed model, p95
 * under an open one, as its verdict reads it), candidate against baseline. The ratio is
 * portable across hosts: both sides of a pair ran back to back on one machine, so the
 * machine's speed cancels. Fails when the candidate's ratio is worse beyond the minimum
 * effect with the 95% interval of candidate/baseline excluding 1 (`welchLogRatio`).
 */
export function relativeChecks(baseline: Results, candidate: Results, minEffect: number, family: TimingFamily = SINGLE_CHECK): GateCheck[] {
  return joinByKey(baseline.comparisons, candidate.comparisons, (c) => pairKey(c.comparison, c.driver)).map(({ baseline: b, candidate: c }) => {
    const any = (b ?? c) as ComparisonSummary;
    const headline = headlineOf(b ? baseline : candidate, any);
    const base = { name: `optimized/naive ${headline === 'p95Ratio' ? 'p95' : 'throughput'} ratio ${any.comparison} (${any.driver})`, kind: 'relative' as const, comparison: any.comparison, driver: any.driver, unit: '×' };
    const before = b?.[headline].estimate ?? null;
    const after = c?.[headline].estimate ?? null;
    if (!b || !c) return { ...base, baseline: before, candidate: after, change: null, interval: null, ...oneSided(b !== undefined) };
    const a = logEstimateOfRatio(c[headline]);
    const z = logEstimateOfRatio(b[headline]);
    if (!a || !z) {
      const [bs, cs] = [b[headline], c[headline]];
      if (bs.samples === 0 && cs.samples === 0 && bs.emptyPairs > 0 && cs.emptyPairs > 0) {
        return { ...base, baseline: before, candidate: after, change: null, interval: null, status: 'not-compared' as const, evidence: `no ratio on either side: every pair had a run that completed no request (${bs.emptyPairs} in the baseline, ${cs.emptyPairs} in the candidate), so its windows are too short for this path (--duration); the optimized path's own figures are checked apart` };
      }
      const side = !z ? b[headline] : c[headline];
      const why = side.emptyPairs > 0 ? `${side.emptyPairs} pair(s) had a run that completed no request` : 'at least 3 pairs are needed (run without --quick)';
      return { ...base, baseline: before, candidate: after, change: before && after ? after / before : null, interval: null, status: 'inconclusive' as const, evidence: `the ${!z ? 'baseline' : 'candidate'} (${side.samples} pairs) has no interval: ${why}` };
    }
    const change = welchLogRatio(a, z, family.confidence);
    const decided = decideChange(change, minEffect, true, family.label);
    return { ...base, baseline: before, candidate: after, change: change.estimate, interval: change.interval, confidence: family.confidence, degreesOfFreedom: change.degreesOfFreedom, status: decided.status, evidence: `ratio ${fmt(before as number)}× → ${fmt(after as number)}×: ${decided.evidence}` };
  });
}

/** The ratio the comparison's verdict reads: p95 when its runs were open-model, else throughput. */
function headlineOf(results: Results, summary: ComparisonSummary): 'throughputRatio' | 'p95Ratio' {
  const variant = results.variants.find((v) => v.comparison === summary.comparison && v.driver === summary.driver);
  return variant?.loadModel.type === 'open' ? 'p95Ratio' : 'throughputRatio';
}
