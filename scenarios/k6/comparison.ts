/**
 * Any comparison of the catalog; the request builder and the response checks come from its entry.
 * `k6 run scenarios/k6/comparison.ts -e COMPARISON=orders-with-items -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: COMPARISON (required), VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript(__ENV.COMPARISON);

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
