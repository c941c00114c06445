import type { Results, VariantAggregate } from '../results/types.ts';
import type { GateCheck } from './gate-schema.ts';
import { fmt, joinByKey, oneSided, pairKey } from './pairs-by-key.ts';

/**
 * Statements per request of every comparison × driver × variant, 0% tolerance: the count is
 * deterministic (same code, same data, same count on any host), so any increase is a
 * regression (an N+1 reintroduced fails here, with no load needed to see it). A decrease
 * passes and says so, since the baseline should then be saved again.
 */
export function deterministicChecks(baseline: Results, candidate: Results): GateCheck[] {
  return joinByKey(baseline.variants, candidate.variants, (v) => pairKey(v.comparison, v.driver, v.variant)).map(({ baseline: b, candidate: c }) => check(b, c));
}

function check(b: VariantAggregate | undefined, c: VariantAggregate | undefined): GateCheck {
  const any = (b ?? c) as VariantAggregate;
  const base = { name: `queries/request ${any.comparison} ${any.variant} (${any.driver})`, kind: 'deterministic' as const, comparison: any.comparison, driver: any.driver, unit: 'statements', interval: null };
  const before = b?.queriesPerRequest ?? null;
  const after = c?.queriesPerRequest ?? null;
  if (!b || !c) return { ...base, baseline: before, candidate: after, change: null, ...oneSided(b !== undefined) };
  if (before === null && after === null) return { ...base, baseline: null, candidate: null, change: null, status: 'not-compared', evidence: 'statements per request were not read on either side' };
  if (before === null || after === null) {
    return { ...base, baseline: before, candidate: after, change: null, status: 'inconclusive', evidence: `statements per request were not read in the ${before === null ? 'baseline' : 'candidate'}` };
  }
  const change = after - before;
  if (change > 0) return { ...base, baseline: before, candidate: after, change, status: 'fail', evidence: `${any.comparison} ${any.variant} now runs ${fmt(after)} statements per request, ${fmt(before)} before (+${fmt(change)}; 0% tolerance)` };
  if (change < 0) return { ...base, baseline: before, candidate: after, change, status: 'pass', evidence: `fewer statements per request (${fmt(before)} → ${fmt(after)}): save a new baseline to lock the gain in` };
  return { ...base, baseline: before, candidate: after, change, status: 'pass', evidence: `${fmt(after)} statements per request on both sides` };
}
