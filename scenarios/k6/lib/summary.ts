/**
 * handleSummary for every script, written by hand (no jslib: no network here or in many CI
 * setups): JSON to SUMMARY_PATH for the harness, and on stdout k6's own metrics in k6's layout
 * followed by perflab's lines (measured latency, thresholds, 503s by code, thresholds that
 * matched nothing).
 */
import { findEmptyThresholds, type SummaryMetric } from './empty-thresholds.ts';
import type { K6Env } from './env.ts';
import { k6TotalsLines } from './k6-totals.ts';
import { NO_REQUEST_GUARD, SERVE_POOL_MAX } from './load.ts';
import { unavailableLines } from './unavailable.ts';

export interface SummaryData {
  metrics: Record<string, SummaryMetric>;
  state?: { testRunDurationMs?: number };
  /** What setup() returned: the scenario names k6 actually ran. */
  setup_data?: { scenarios?: string[] } | null;
}

/** What the summary says about the run besides k6's data. */
export interface SummaryContext {
  comparison: string;
  env: K6Env;
  /** The factor the comparison varies, printed under the title line. */
  varies?: string;
}

/** The measured scenario's latency submetric; the shared options always define it. */
export const MEASURED = 'http_req_duration{scenario:measure}';

/** handleSummary's answer: stdout text, plus the harness's JSON at SUMMARY_PATH when set. */
export function writeSummary(data: SummaryData, ctx: SummaryContext): Record<string, string> {
  const measuredRequests = data.metrics[MEASURED]?.values.count ?? 0;
  // With no measured request at all (setup aborted, server down or far too slow) every scoped
  // threshold is empty: say that once instead of blaming the threshold names.
  const emptyThresholds = measuredRequests > 0 ? findEmptyThresholds(data.metrics) : [];
  const out: Record<string, string> = { stdout: textSummary(data, ctx, emptyThresholds, measuredRequests) };
  const summaryPath = ctx.env.summaryPath;
  if (summaryPath) {
    const { comparison, env } = ctx;
    const perflab = { comparison, variant: env.variant, model: env.model, durationSec: env.durationSec, warmupSec: env.warmupSec, measuredRequests, emptyThresholds };
    out[summaryPath] = JSON.stringify({ perflab, ...data, metrics: withoutGuard(data.metrics, env) });
  }
  return out;
}

/** The harness counts measured requests itself: the no-request guard stays out of its threshold list. */
function withoutGuard(metrics: Record<string, SummaryMetric>, env: K6Env): Record<string, SummaryMetric> {
  const [key, condition] = NO_REQUEST_GUARD;
  const guarded = metrics[key];
  if (!guarded?.thresholds || key in env.extraThresholds) return metrics;
  const { [condition]: _guard, ...rest } = guarded.thresholds;
  return { ...metrics, [key]: { ...guarded, thresholds: rest } };
}

function textSummary(data: SummaryData, ctx: SummaryContext, emptyThresholds: string[], measuredRequests: number): string {
  const { comparison, env, varies } = ctx;
  const lines = ['', '  █ TOTAL RESULTS (k6, every scenario)', '', ...k6TotalsLines(data.metrics).map((l) => `    ${l}`), ''];
  const ran = data.setup_data?.scenarios;
  const replaced = ran !== undefined && !ran.includes('measure');
  const shape = replaced
    ? `k6 CLI options replaced perflab's scenarios with '${ran.join(', ')}': all of it is measured, no warm-up`
    : `${env.model} model, ${env.durationSec}s measured after ${env.warmupSec}s warm-up`;
  lines.push(`  █ perflab ${comparison} (${env.variant}, ${shape})`, '');
  if (varies) lines.push(`    varies: ${varies}`);
  const peakVus = data.metrics.vus_max?.values.max ?? data.metrics.vus_max?.values.value ?? 0;
  lines.push(...unavailableLines(data.metrics, peakVus, SERVE_POOL_MAX).map((l) => `    ${l}`));
  if (measuredRequests === 0) {
    lines.push('    FAIL no request completed in the measured scenario (setup aborted, server down, or far too slow for this load): no result', '');
    return lines.join('\n') + '\n';
  }
  const duration = data.metrics[MEASURED]?.values;
  if (duration) {
    const ms = (k: string) => (duration[k] ?? 0).toFixed(3);
    lines.push(`    measured http_req_duration  n=${duration.count ?? 0}  p50=${ms('med')}ms  p95=${ms('p(95)')}ms  p99=${ms('p(99)')}ms  p99.9=${ms('p(99.9)')}ms  max=${ms('max')}ms`);
  }
  const checks = data.metrics['checks{scenario:measure}']?.values ?? data.metrics.checks?.values;
  if (checks) lines.push(`    measured checks  ${checks.passes ?? 0} passed, ${checks.fails ?? 0} failed`);
  for (const [key, metric] of Object.entries(data.metrics)) {
    for (const [condition, result] of Object.entries(metric.thresholds ?? {})) {
      lines.push(`    ${result.ok ? 'ok  ' : 'FAIL'} ${key}: ${condition}`);
    }
  }
  for (const key of emptyThresholds) {
    lines.push(`    WARN ${key}: matched no samples, so k6 passed it without checking anything (grafana/k6#1526; a value that never occurred?)`);
  }
  return lines.join('\n') + '\n\n';
}
