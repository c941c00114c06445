/**
 * 503s by the API's error code (`{ error: { code } }`): the script counts each code in a metric
 * of its own (`api_503_<code>`, tagged `code`), so k6's summary and handleSummary see them
 * without thresholds. Plain TS: the counters are made in comparison.ts, the lines here.
 */
import type { SummaryMetric } from './empty-thresholds.ts';

/** The 503 codes the reference API answers; anything else counts as `other`. */
export const UNAVAILABLE_CODES = ['timeout', 'db_timeout', 'overloaded', 'client_closed', 'not_ready', 'queue_unavailable', 'other'] as const;
export type UnavailableCode = (typeof UNAVAILABLE_CODES)[number];

/** Codes that mean "the server had more work in flight than it could serve": a request waited for a Postgres connection or a slot. */
const CAPACITY_CODES: readonly string[] = ['timeout', 'db_timeout', 'overloaded'];

/** The metric a code is counted in. */
export const unavailableMetric = (code: UnavailableCode): string => `api_503_${code}`;

/** The code of a 503 body, `other` when it has none we know. */
export function unavailableCode(body: unknown): UnavailableCode {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return (UNAVAILABLE_CODES as readonly unknown[]).includes(code) ? (code as UnavailableCode) : 'other';
}

/**
 * The summary's lines about 503s: counts by code, and when they are capacity codes, what to do
 * about it (`peakVus`: the most VUs the run had; `poolMax`: what `perflab serve` pools by default).
 */
export function unavailableLines(metrics: Record<string, SummaryMetric>, peakVus: number, poolMax: number): string[] {
  const counts = UNAVAILABLE_CODES.map((code) => [code, metrics[unavailableMetric(code)]?.values.count ?? 0] as const).filter(([, n]) => n > 0);
  if (counts.length === 0) return [];
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const lines = [`503 × ${total} from the API: ${counts.map(([code, n]) => `${code} × ${n}`).join(', ')}`];
  if (!counts.some(([code]) => CAPACITY_CODES.includes(code))) return lines;
  lines.push(
    peakVus > poolMax
      ? `  up to ${peakVus} VUs in flight (warm-up's last requests overlap the measured ones) against \`perflab serve\`'s default pool of ${poolMax}` +
          ` Postgres connections: requests queued for a connection past the API's deadline; lower -e MAX_VUS / -e VUS or raise serve's --pool-max`
      : `  up to ${peakVus} VUs in flight fit in \`perflab serve\`'s default pool of ${poolMax} connections (--pool-max): the server itself` +
          ` could not keep up with this load (naive sides are expected not to); lower -e RATE / -e VUS to measure it below saturation`,
  );
  return lines;
}
