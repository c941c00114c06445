/**
 * catalog-kv: GET /{variant}/catalog?limit=50&offset=N — a KV get per id vs one indexed query.
 * `k6 run scenarios/k6/catalog-kv.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('catalog-kv', {
  'items is an array': (b) => Array.isArray(b?.items),
  'total is a count': (b) => Number.isInteger(b?.total) && b.total >= (b?.items?.length ?? 0),
  'at most limit items': (b) => (b?.items?.length ?? 0) <= 50,
  'product docs carry id, sku, name': (b) => (b?.items ?? []).every((p: any) => Number.isInteger(p.id) && typeof p.sku === 'string' && typeof p.name === 'string'),
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
