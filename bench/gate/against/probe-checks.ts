import type { GateCheck } from '../gate-schema.ts';
import { fmt } from '../pairs-by-key.ts';
import type { ProbeAnswer, ProbeSample } from './statement-probe.ts';

const ok = (a: ProbeAnswer) => a.status >= 200 && a.status < 300 && a.queries !== null;

/**
 * Pure, 0 tolerance: statements per request of each comparison × variant, the same requests
 * sent to both builds from the same state. Fails when the candidate sends more statements than
 * the base over the requests both answered 2xx (any rise: an unchanged build gives the same
 * count), or answers a request with an error the base answered with success.
 */
export function probeChecks(samples: readonly ProbeSample[]): GateCheck[] {
  return samples.map((s) => {
    const base = { name: `queries/request ${s.comparison} ${s.variant} (same requests)`, kind: 'deterministic' as const, comparison: s.comparison, driver: 'probe', unit: 'statements', interval: null };
    const broken = s.base.findIndex((b, i) => ok(b) && s.candidate[i] !== undefined && !ok(s.candidate[i] as ProbeAnswer));
    const pairs = s.base.map((b, i) => [b, s.candidate[i]] as const).filter((p): p is readonly [ProbeAnswer, ProbeAnswer] => p[1] !== undefined && ok(p[0]) && ok(p[1]));
    const mean = (side: 0 | 1) => (pairs.length === 0 ? null : pairs.reduce((sum, p) => sum + (p[side].queries as number), 0) / pairs.length);
    const [before, after] = [mean(0), mean(1)];
    if (broken >= 0) {
      const status = s.candidate[broken]?.status;
      return { ...base, baseline: before, candidate: after, change: null, status: 'fail' as const, evidence: `${s.comparison} ${s.variant}: request ${broken + 1} answered ${status} on the candidate, ${s.base[broken]?.status} on the base` };
    }
    if (before === null || after === null) {
      const codes = [...new Set(s.base.map((a) => a.status))].join('/');
      return { ...base, baseline: null, candidate: null, change: null, status: 'inconclusive' as const, evidence: `no request was answered 2xx with an X-Query-Count by both builds (base answered ${codes})` };
    }
    const change = after - before;
    const span = `${pairs.length} identical request${pairs.length === 1 ? '' : 's'}`;
    if (change > 0) return { ...base, baseline: before, candidate: after, change, status: 'fail' as const, evidence: `${s.comparison} ${s.variant} now runs ${fmt(after)} statements per request, ${fmt(before)} before (+${fmt(change)} over ${span})` };
    if (change < 0) return { ...base, baseline: before, candidate: after, change, status: 'pass' as const, evidence: `fewer statements per request (${fmt(before)} → ${fmt(after)} over ${span})` };
    return { ...base, baseline: before, candidate: after, change, status: 'pass' as const, evidence: `${fmt(after)} statements per request on both builds (${span})` };
  });
}
