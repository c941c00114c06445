import type { DriverOutput } from '../drivers/types.ts';
import type { ThresholdResult } from '../results/types.ts';

/** The k6-syntax thresholds the Node side can check from a driver's figures; anything else is refused. */
const CONDITION = /^(p\((\d+(?:\.\d+)?)\)|avg|max|rate)\s*(<=|<|>=|>)\s*(\d+(?:\.\d+)?)$/;

/**
 * Checks catalog thresholds (k6 syntax) against the figures of a driver that leaves them to the
 * harness (`evaluatesThresholds: 'harness'`, e.g. autocannon). A threshold naming a metric
 * or a statistic we cannot compute throws: a gate that silently passes is worse than none
 * (grafana/k6#1526).
 */
export function evaluateThresholds(thresholds: Record<string, string[]>, output: DriverOutput): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const [metric, conditions] of Object.entries(thresholds)) {
    for (const condition of conditions) {
      const match = CONDITION.exec(condition.trim());
      if (!match) throw new Error(`threshold '${metric}: ${condition}' is not of the form p(N)<x, avg<x, max<x or rate<x`);
      const [, stat = '', percentile, op = '<', limitText = '0'] = match;
      const actual = actualValue(metric, condition, stat, percentile, output);
      const limit = Number(limitText);
      const passed = op === '<' ? actual < limit : op === '<=' ? actual <= limit : op === '>' ? actual > limit : actual >= limit;
      results.push({ metric, condition, passed, actual: round(actual) });
    }
  }
  return results;
}

function actualValue(metric: string, condition: string, stat: string, percentile: string | undefined, output: DriverOutput): number {
  if (metric === 'http_req_failed') {
    if (stat !== 'rate') throw new Error(`threshold '${metric}: ${condition}': http_req_failed only has a rate`);
    return output.failureRate ?? 1;
  }
  if (metric === 'http_req_duration') {
    if (stat === 'avg') return output.latencyMs.mean;
    if (stat === 'max') return output.latencyMs.max;
    const key = ({ '50': 'p50', '90': 'p90', '95': 'p95', '99': 'p99', '99.9': 'p999' } as const)[percentile ?? ''];
    if (!key) throw new Error(`threshold '${metric}: ${condition}': the report keeps p50, p90, p95, p99 and p99.9 only`);
    return output.latencyMs[key];
  }
  throw new Error(`threshold on '${metric}' cannot be checked from a driver's figures (known: http_req_duration, http_req_failed)`);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
