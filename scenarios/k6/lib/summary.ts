/**
 * handleSummary for every script, written by hand (no jslib: no network here or in many CI
 * setups): JSON to SUMMARY_PATH for the harness, a short text summary on stdout, and a loud
 * line for thresholds that matched no sample.
 */
import { findEmptyThresholds, type SummaryMetric } from './empty-thresholds.ts';
import type { K6Env } from './env.ts';

interface SummaryData {
  metrics: Record<string, SummaryMetric>;
  state?: { testRunDurationMs?: number };
}

/** The measured scenario's latency submetric; the shared options always define it. */
export const MEASURED = 'http_req_duration{scenario:measure}';

/** `varies`: the factor the comparison varies, printed under the title line. */
export function writeSummary(data: SummaryData, comparison: string, env: K6Env, varies?: string): Record<string, string> {
  const measuredRequests = data.metrics[MEASURED]?.values.count ?? 0;
  // With no measured request at all (setup aborted, server down or far too slow) every scoped
  // threshold is empty: say that once instead of blaming the threshold names.
  const emptyThresholds = measuredRequests > 0 ? findEmptyThresholds(data.metrics) : [];
  const out: Record<string, string> = { stdout: textSummary(data, comparison, env, emptyThresholds, measuredRequests, varies) };
  if (env.summaryPath) {
    const perflab = { comparison, variant: env.variant, model: env.model, durationSec: env.durationSec, warmupSec: env.warmupSec, measuredRequests, emptyThresholds };
    out[env.summaryPath] = JSON.stringify({ perflab, ...data });
  }
  return out;
}

function textSummary(data: SummaryData, comparison: string, env: K6Env, emptyThresholds: string[], measuredRequests: number, varies?: string): string {
  const lines = [`perflab ${comparison} (${env.variant}, ${env.model} model, ${env.durationSec}s measured after ${env.warmupSec}s warm-up)`];
  if (varies) lines.push(`  varies: ${varies}`);
  if (measuredRequests === 0) {
    lines.push('  FAIL no request completed in the measured scenario (setup aborted, server down, or far too slow for this load): no result');
    return lines.join('\n') + '\n';
  }
  const duration = data.metrics[MEASURED]?.values;
  if (duration) {
    const ms = (k: string) => (duration[k] ?? 0).toFixed(3);
    lines.push(`  http_req_duration  n=${duration.count ?? 0}  p50=${ms('med')}ms  p95=${ms('p(95)')}ms  p99=${ms('p(99)')}ms  p99.9=${ms('p(99.9)')}ms  max=${ms('max')}ms`);
  }
  const checks = data.metrics['checks{scenario:measure}']?.values ?? data.metrics.checks?.values;
  if (checks) lines.push(`  checks  ${checks.passes ?? 0} passed, ${checks.fails ?? 0} failed`);
  for (const [key, metric] of Object.entries(data.metrics)) {
    for (const [condition, result] of Object.entries(metric.thresholds ?? {})) {
      lines.push(`  ${result.ok ? 'ok  ' : 'FAIL'} ${key}: ${condition}`);
    }
  }
  for (const key of emptyThresholds) {
    lines.push(`  FAIL ${key}: this threshold matched NO samples (misspelt metric or tag? grafana/k6#1526) — treat the run as failed`);
  }
  return lines.join('\n') + '\n';
}
