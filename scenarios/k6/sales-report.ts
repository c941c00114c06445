/**
 * sales-report: GET /{variant}/reports/sales?from&to&groupBy — aggregate in JS vs one SQL aggregate.
 * `k6 run scenarios/k6/sales-report.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('sales-report', {
  'totals present': (b) => Number.isInteger(b?.totals?.orders) && Number.isInteger(b?.totals?.revenueCents) && Number.isInteger(b?.totals?.items),
  'byStatus is an object': (b) => typeof b?.byStatus === 'object' && b.byStatus !== null,
  'series sums to the totals': (b) => Array.isArray(b?.series) && b.series.reduce((n: number, s: any) => n + s.orders, 0) === b.totals.orders,
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
