import type { SummaryMetric } from '../../scenarios/k6/lib/empty-thresholds.ts';
import { decodeHistogram } from './hdr.ts';
import type { K6Summary } from './k6-summary.ts';
import type { OutcomeFigures } from './outcome-tally.ts';
import type { ThresholdResult } from './types.ts';

/** What the harness says about thresholds of a test split across instances, for reports and notes. */
export const MERGED_THRESHOLDS_NOTE =
  'thresholds evaluated by perflab on the merged samples of every instance: k6 OSS evaluates each instance on its own slice only (grafana/k6-docs#102)';

const MEASURED_DURATION = 'http_req_duration{scenario:measure}';
const CONDITION = /^\s*(p\((\d+(?:\.\d+)?)\)|avg|min|med|max|rate|count)\s*(<=|<|>=|>|==|!=|===)\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * Every threshold the instances evaluated, judged again on the whole test: the measured latency
 * from the merged µs histograms (successes and failures, as k6's http_req_duration holds both),
 * rates from summed passes and fails, counters from summed counts. A threshold that cannot be
 * merged exactly throws: a gate that silently passes is worse than none (grafana/k6#1526).
 */
export function mergedThresholds(summaries: readonly K6Summary[], figures: OutcomeFigures): ThresholdResult[] {
  const first = summaries[0];
  if (!first) return [];
  const results: ThresholdResult[] = [];
  for (const [metric, data] of Object.entries(first.metrics)) {
    for (const condition of Object.keys(data.thresholds ?? {})) {
      const match = CONDITION.exec(condition);
      if (!match) throw new Error(`threshold '${metric}: ${condition}' cannot be merged across instances (known: p(N), avg, min, med, max, rate, count)`);
      const [, stat = '', percentile, op = '<', limit = '0'] = match;
      const parts = summaries.map((s) => s.metrics[metric]).filter((m): m is SummaryMetric => m !== undefined);
      const actual = mergedValue(metric, data.type, stat, percentile, parts, figures);
      results.push({ metric, condition, passed: compare(actual, op, Number(limit)), actual: Math.round(actual * 1000) / 1000 });
    }
  }
  return results;
}

function mergedValue(metric: string, type: string, stat: string, percentile: string | undefined, parts: SummaryMetric[], figures: OutcomeFigures): number {
  const sum = (key: string) => parts.reduce((total, m) => total + (m.values[key] ?? 0), 0);
  if (type === 'rate' && stat === 'rate') {
    const passes = sum('passes');
    const total = passes + sum('fails');
    return total === 0 ? 0 : passes / total;
  }
  if (type === 'counter' && (stat === 'count' || stat === 'rate')) return sum(stat);
  if (metric === MEASURED_DURATION && type === 'trend') return latencyStat(stat, percentile, figures);
  throw new Error(`threshold '${metric}: ${stat}' cannot be merged exactly across instances (merged: rates, counters and ${MEASURED_DURATION})`);
}

/** A statistic of every measured request's duration, in ms, from the merged histograms. */
function latencyStat(stat: string, percentile: string | undefined, figures: OutcomeFigures): number {
  if (!figures.histogram && !figures.failureHistogram) return 0;
  const all = decodeHistogram((figures.histogram ?? figures.failureHistogram) as string);
  if (figures.histogram && figures.failureHistogram) all.add(decodeHistogram(figures.failureHistogram));
  if (all.totalCount === 0) return 0;
  const ms = (us: number) => us / 1000;
  if (stat === 'avg') return ms(all.mean);
  if (stat === 'min') return ms(all.minNonZeroValue);
  if (stat === 'max') return ms(all.maxValue);
  return ms(all.getValueAtPercentile(stat === 'med' ? 50 : Number(percentile)));
}

function compare(actual: number, op: string, limit: number): boolean {
  switch (op) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
    case '!=':
      return actual !== limit;
    default:
      return actual === limit;
  }
}
