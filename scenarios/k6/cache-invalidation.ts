/**
 * cache-invalidation: PATCH /{variant}/products/:id — KEYS pattern + DEL vs a version bump. Writes only stock, on hot products.
 * `k6 run scenarios/k6/cache-invalidation.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('cache-invalidation', {
  'returns the product detail': (b) => Number.isInteger(b?.product?.id) && Array.isArray(b?.categories),
  'stock updated to a count': (b) => Number.isInteger(b?.product?.stock),
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
