import type { GateCheck } from '../gate-schema.ts';
import type { ProbeAnswer, ProbeSample } from './statement-probe.ts';

const read = (a: ProbeAnswer | undefined): a is ProbeAnswer & { body: string } => a !== undefined && a.status >= 200 && a.status < 300 && a.body !== null;

/**
 * Pure, 0 tolerance: response parity, the reference API's promise that naive and optimized answer
 * alike. Per comparison, each probe request sent to both variants with the same method, path and
 * body is compared by the sha256 of its body, on each build. Fails when a request the base answered
 * byte-equal from both variants is answered differently by the candidate's; a request whose
 * variants differ on the base too is not the change's doing (said). Writes are not compared: their
 * bodies carry generated ids.
 */
export function parityChecks(samples: readonly ProbeSample[]): GateCheck[] {
  const comparisons = [...new Set(samples.map((s) => s.comparison))];
  return comparisons.flatMap((comparison): GateCheck[] => {
    const naive = samples.find((s) => s.comparison === comparison && s.variant === 'naive');
    const optimized = samples.find((s) => s.comparison === comparison && s.variant === 'optimized');
    if (!naive || !optimized) return [];
    const common = { name: `response parity ${comparison} (naive = optimized, same requests)`, kind: 'deterministic' as const, comparison, driver: 'probe', unit: 'requests', interval: null, change: null };
    const matched = naive.requests.flatMap((request, i) => (request === optimized.requests[i] ? [i] : []));
    const equal = (side: 'base' | 'candidate', i: number) => {
      const [a, b] = [naive[side][i], optimized[side][i]];
      return read(a) && read(b) ? a.body === b.body : null;
    };
    const compared = matched.filter((i) => equal('base', i) !== null && equal('candidate', i) !== null);
    if (compared.length === 0) {
      const why = naive.requests.every((r) => !r.startsWith('GET ')) ? 'its requests are writes, whose bodies carry generated ids' : 'no request was sent alike to both variants and answered 2xx with a body on both builds';
      return [{ ...common, baseline: null, candidate: null, status: 'not-compared', evidence: `not compared: ${why}` }];
    }
    const baseEqual = compared.filter((i) => equal('base', i));
    const candidateEqual = compared.filter((i) => equal('candidate', i));
    const broken = baseEqual.filter((i) => !equal('candidate', i));
    const figures = { baseline: baseEqual.length, candidate: candidateEqual.length };
    if (broken.length > 0) {
      return [{ ...common, ...figures, status: 'fail', evidence: `request ${broken.map((i) => i + 1).join(', ')} of ${comparison}: naive and optimized now answer different bodies; on the base they were byte-equal` }];
    }
    const differOnBase = compared.length - baseEqual.length;
    const tail = differOnBase > 0 ? `; ${differOnBase} differ on the base too (not this change)` : '';
    return [{ ...common, ...figures, status: 'pass', evidence: `naive and optimized byte-equal on both builds for ${baseEqual.length} of ${compared.length} requests${tail}` }];
  });
}
