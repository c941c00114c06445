/**
 * k6 passes a threshold whose metric tags match no sample (grafana/k6#1526: a typo in a tag
 * value and the CI gate is silently green). This finds them in a summary's `metrics`; both the
 * scripts' handleSummary and the Node driver use it. Plain TS: loaded by k6 and by Node.
 */
export interface SummaryMetric {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

/** Submetrics that are legitimately empty in a healthy run. */
const MAY_BE_EMPTY = new Set(['dropped_iterations']);

/** Keys of threshold-bearing submetrics (`metric{tag:value}`) that recorded no sample. */
export function findEmptyThresholds(metrics: Record<string, SummaryMetric>): string[] {
  const empty: string[] = [];
  for (const [key, metric] of Object.entries(metrics)) {
    if (!metric.thresholds || Object.keys(metric.thresholds).length === 0 || !key.includes('{')) continue;
    if (MAY_BE_EMPTY.has(key.slice(0, key.indexOf('{')))) continue;
    const samples = sampleCount(metric);
    if (samples === 0) empty.push(key);
  }
  return empty;
}

/** Samples a metric saw; null when its type does not say (gauges). Trends need 'count' in summaryTrendStats. */
export function sampleCount(metric: SummaryMetric): number | null {
  const v = metric.values;
  if (metric.type === 'rate') return (v.passes ?? 0) + (v.fails ?? 0);
  if (metric.type === 'counter' || metric.type === 'trend') return typeof v.count === 'number' ? v.count : null;
  return null;
}
