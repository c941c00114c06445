/**
 * product-search: GET /{variant}/search?q=term — ILIKE '%q%' scans vs pg_trgm GIN (80% hit terms, 20% miss).
 * `k6 run scenarios/k6/product-search.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('product-search', {
  'items is an array': (b) => Array.isArray(b?.items),
  'at most limit items': (b) => (b?.items?.length ?? 0) <= 20,
  'total covers the page': (b) => Number.isInteger(b?.total) && b.total >= (b?.items?.length ?? 0),
  'items carry id, sku, name, priceCents': (b) => (b?.items ?? []).every((p: any) => Number.isInteger(p.id) && typeof p.sku === 'string' && typeof p.name === 'string' && Number.isInteger(p.priceCents)),
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
