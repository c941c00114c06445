import type { GateCheck } from '../gate-schema.ts';
import { fmt } from '../pairs-by-key.ts';
import type { ProbeSample } from './statement-probe.ts';

/**
 * Pure, 0 tolerance: statements the background jobs of the probe's counted requests ran (an import
 * job's batches), per comparison × variant where either build ran any. Fails on any rise: the same
 * requests from the same state give an unchanged build the same count.
 */
export function deferredChecks(samples: readonly ProbeSample[]): GateCheck[] {
  return samples.flatMap((s): GateCheck[] => {
    const { base, candidate } = s.deferred;
    if (!base && !candidate) return [];
    const common = { name: `deferred statements ${s.comparison} ${s.variant} (same requests)`, kind: 'deterministic' as const, comparison: s.comparison, driver: 'probe', unit: 'statements', interval: null };
    const per = (total: number | null) => (total === null ? null : total / Math.max(1, s.base.length));
    const [before, after] = [per(base), per(candidate)];
    if (before === null || after === null) {
      return [{ ...common, baseline: before, candidate: after, change: null, status: 'inconclusive', evidence: `the ${before === null ? 'base' : 'candidate'} reported no deferred statements (an API without /__stats deferredQueries)` }];
    }
    const change = after - before;
    if (change > 0) return [{ ...common, baseline: before, candidate: after, change, status: 'fail', evidence: `${s.comparison} ${s.variant}: its jobs now run ${fmt(after)} statements per request, ${fmt(before)} before` }];
    return [{ ...common, baseline: before, candidate: after, change, status: 'pass', evidence: change < 0 ? `fewer deferred statements per request (${fmt(before)} → ${fmt(after)})` : `${fmt(after)} deferred statements per request on both builds` }];
  });
}
