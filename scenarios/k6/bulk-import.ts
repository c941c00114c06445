/**
 * bulk-import: POST /{variant}/imports/products — a transaction per row (201) vs a batched background job (202 + job id). Writes rows with SKUs unique per (run, VU, iteration).
 * `k6 run scenarios/k6/bulk-import.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('bulk-import', {
  'naive: imported count / optimized: job id': (b) => Number.isInteger(b?.imported) || (b?.jobId !== undefined && typeof b?.status === 'string'),
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
