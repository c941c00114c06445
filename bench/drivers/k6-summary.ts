import { findEmptyThresholds, type SummaryMetric } from '../../scenarios/k6/lib/empty-thresholds.ts';
import type { ThresholdResult } from './types.ts';

/** The part of a k6 handleSummary JSON the driver reads. */
export interface K6Summary {
  perflab?: { comparison: string; variant: string; emptyThresholds: string[]; measuredRequests?: number };
  metrics: Record<string, SummaryMetric>;
}

const MEASURED = 'http_req_duration{scenario:measure}';

/** Every threshold k6 evaluated, with the value it compared (e.g. `p(95)` → the p95 in ms). */
export function thresholdsFromSummary(summary: K6Summary): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const [metric, data] of Object.entries(summary.metrics)) {
    for (const [condition, { ok }] of Object.entries(data.thresholds ?? {})) {
      const stat = /^\s*([a-z]+(?:\([\d.]+\))?)/.exec(condition)?.[1] ?? '';
      const actual = data.values[stat === 'p(50)' ? 'med' : stat];
      results.push({ metric, condition, passed: ok, actual: typeof actual === 'number' ? actual : null });
    }
  }
  return results;
}

/** Requests k6 timed in the measured scenario (0: no result at all). */
export function measuredRequests(summary: K6Summary): number {
  return summary.metrics[MEASURED]?.values.count ?? 0;
}

/** Thresholds that matched no sample, from the script's own report and re-checked here. */
export function emptyThresholds(summary: K6Summary): string[] {
  return [...new Set([...(summary.perflab?.emptyThresholds ?? []), ...findEmptyThresholds(summary.metrics)])];
}
