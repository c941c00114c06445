import { UsageError } from '../../lib/usage-error.ts';

/** A latency SLO on one or two percentiles, in milliseconds (null: that percentile is not bound). */
export interface LatencySlo {
  p95Ms: number | null;
  p99Ms: number | null;
  /** As the user (or the catalog) wrote it, normalised: `p95<100ms, p99<250ms`. */
  text: string;
}

const TERM = /^p(95|99)\s*<\s*(\d+(?:\.\d+)?)\s*(ms|s)?$/i;

/**
 * Parses `--slo`: `p95<100ms`, `p99<0.25s`, or both comma-separated (`p95<100ms,p99<250ms`).
 * Anything else is a UsageError naming the form it accepts.
 */
export function parseSlo(raw: string): LatencySlo {
  const terms = raw.split(',').map((t) => t.trim()).filter(Boolean);
  const slo: LatencySlo = { p95Ms: null, p99Ms: null, text: '' };
  if (terms.length === 0) throw sloError(raw);
  for (const term of terms) {
    const match = TERM.exec(term);
    if (!match) throw sloError(raw);
    const ms = Number(match[2]) * ((match[3] ?? 'ms').toLowerCase() === 's' ? 1000 : 1);
    if (!(ms > 0)) throw sloError(raw);
    if (match[1] === '95') slo.p95Ms = ms;
    else slo.p99Ms = ms;
  }
  return withText(slo);
}

/** The latency SLO of a catalog entry, from its k6 thresholds (`http_req_duration: ['p(95)<100']`). */
export function sloFromThresholds(thresholds: Record<string, string[]>): LatencySlo | null {
  const slo: LatencySlo = { p95Ms: null, p99Ms: null, text: '' };
  for (const condition of thresholds.http_req_duration ?? []) {
    const match = /^p\((95|99)\)\s*<\s*(\d+(?:\.\d+)?)$/.exec(condition.trim());
    if (!match) continue;
    if (match[1] === '95') slo.p95Ms = Number(match[2]);
    else slo.p99Ms = Number(match[2]);
  }
  return slo.p95Ms === null && slo.p99Ms === null ? null : withText(slo);
}

function withText(slo: LatencySlo): LatencySlo {
  const parts = [slo.p95Ms !== null ? `p95<${slo.p95Ms}ms` : null, slo.p99Ms !== null ? `p99<${slo.p99Ms}ms` : null];
  return { ...slo, text: parts.filter(Boolean).join(', ') };
}

function sloError(raw: string): UsageError {
  return new UsageError(`--slo must be p95<Nms and/or p99<Nms (e.g. 'p95<100ms,p99<250ms'), got '${raw}'`);
}
