import type { Results, VariantAggregate } from '../results/types.ts';
import type { GateCheck } from './gate-schema.ts';
import { fmt, joinByKey, oneSided, pairKey } from './pairs-by-key.ts';

/**
 * Smallest rise in statements per request that fails, on top of the run ranges not
 * overlapping. Per-run figures are not strictly constant on this host: the naive N+1 over
 * orders with varied item counts gave 41.5, 76.75 and 79.1 per request in three 2 s windows
 * at tiny scale, and cache misses put the optimized product-detail-cache at 0.017–0.091.
 * A code change that adds a statement to every request adds ≥ 1; half of that is the floor.
 */
export const MIN_STATEMENT_RISE = 0.5;

/**
 * Whether a side's per-run figures are exact: at least 2 runs that completed requests, every
 * one the same whole number of statements per request (every request ran the same count, as a
 * fixed-statement path does). Measured (gate --against HEAD --quick, tiny scale, 4 rounds):
 * orders-with-items optimized 1, 1, 1, 1 and product-detail-cache naive 5, 5, 5, 5 are exact;
 * product-detail-cache optimized 0.064–0.202 (cache misses vary with the window) is not.
 */
function exact(values: [number, number] | null, runs: number): boolean {
  return values !== null && runs >= 2 && values[0] === values[1] && Number.isInteger(values[0]);
}

/**
 * Statements per request of every comparison × driver × variant. No timing noise enters it,
 * so it runs on any host: fails when every candidate run sends more statements per request
 * than every baseline run (ranges apart) by at least `MIN_STATEMENT_RISE` (an N+1 brought
 * back fails here, with no load needed to see it). When both sides are exact (`exact`), the
 * tolerance is 0: any rise fails. A fall passes and says so.
 */
export function deterministicChecks(baseline: Results, candidate: Results): GateCheck[] {
  return joinByKey(baseline.variants, candidate.variants, (v) => pairKey(v.comparison, v.driver, v.variant)).map(({ baseline: b, candidate: c }) => check(b, c, baseline, candidate));
}

/**
 * [min, max] of the per-run statements per request over the runs that completed a request
 * (a run that completed none divides the statements of requests cut off by the window's end:
 * 41.5 "per request" with 0 answers was measured), or null when no such run recorded one.
 */
function perRun(results: Results, v: VariantAggregate): number[] {
  return results.scenarios
    .filter((s) => s.comparison === v.comparison && s.driver === v.driver && s.variant === v.variant && s.requests > 0)
    .flatMap((s) => (s.server.queriesPerRequest === null ? [] : [s.server.queriesPerRequest]));
}

function range(values: number[]): [number, number] | null {
  return values.length === 0 ? null : [Math.min(...values), Math.max(...values)];
}

/** Whether `results` has runs of `v` and every one of them completed no request. */
function onlyEmptyRuns(results: Results, v: VariantAggregate): boolean {
  const runs = results.scenarios.filter((s) => s.comparison === v.comparison && s.driver === v.driver && s.variant === v.variant);
  return runs.length > 0 && runs.every((s) => s.requests === 0);
}

function check(b: VariantAggregate | undefined, c: VariantAggregate | undefined, baseline: Results, candidate: Results): GateCheck {
  const any = (b ?? c) as VariantAggregate;
  const base = { name: `queries/request ${any.comparison} ${any.variant} (${any.driver})`, kind: 'deterministic' as const, comparison: any.comparison, driver: any.driver, unit: 'statements', interval: null };
  const before = b?.queriesPerRequest ?? null;
  const after = c?.queriesPerRequest ?? null;
  if (!b || !c) return { ...base, baseline: before, candidate: after, change: null, ...oneSided(b !== undefined) };
  if (before === null && after === null) return { ...base, baseline: null, candidate: null, change: null, status: 'not-compared', evidence: 'statements per request were not read on either side' };
  if (before === null || after === null) {
    return { ...base, baseline: before, candidate: after, change: null, status: 'inconclusive', evidence: `statements per request were not read in the ${before === null ? 'baseline' : 'candidate'}` };
  }
  const empty = [onlyEmptyRuns(baseline, b) ? 'baseline' : null, onlyEmptyRuns(candidate, c) ? 'candidate' : null].filter(Boolean);
  if (empty.length > 0) return { ...base, baseline: before, candidate: after, change: null, status: 'inconclusive', evidence: `no run of the ${empty.join(' or the ')} completed a request: its statements per request are not a per-request figure` };
  const change = after - before;
  const [runsBefore, runsAfter] = [perRun(baseline, b), perRun(candidate, c)];
  const low: [number, number] = range(runsBefore) ?? [before, before];
  const high: [number, number] = range(runsAfter) ?? [after, after];
  const span = (r: [number, number]) => (r[0] === r[1] ? fmt(r[0]) : `${fmt(r[0])}–${fmt(r[1])}`);
  const rise = high[0] - low[1];
  if (exact(range(runsBefore), runsBefore.length) && exact(range(runsAfter), runsAfter.length) && rise > 0) {
    return { ...base, baseline: before, candidate: after, change, status: 'fail', evidence: `${any.comparison} ${any.variant} now runs ${fmt(high[0])} statements per request, ${fmt(low[0])} before (+${fmt(rise)}, the same in every run: exact figures, 0 tolerance)` };
  }
  if (rise >= MIN_STATEMENT_RISE) {
    return { ...base, baseline: before, candidate: after, change, status: 'fail', evidence: `${any.comparison} ${any.variant} now runs ${span(high)} statements per request, ${span(low)} before (+${fmt(change)})` };
  }
  if (change > 0) return { ...base, baseline: before, candidate: after, change, status: 'pass', evidence: `${span(low)} → ${span(high)} statements per request: within the run-to-run spread or below +${MIN_STATEMENT_RISE}` };
  if (low[0] - high[1] >= MIN_STATEMENT_RISE) return { ...base, baseline: before, candidate: after, change, status: 'pass', evidence: `fewer statements per request (${span(low)} → ${span(high)}): save a new baseline to lock the gain in` };
  return { ...base, baseline: before, candidate: after, change, status: 'pass', evidence: `${span(high)} statements per request, ${span(low)} before` };
}
