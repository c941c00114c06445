/**
 * products-deep-page: deep pages of GET /{variant}/products — OFFSET + COUNT (naive, ?page=N) vs keyset cursor (optimized, ?cursor=).
 * `k6 run scenarios/k6/products-deep-page.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('products-deep-page', {
  'items is an array': (b) => Array.isArray(b?.items),
  'total is a count': (b) => Number.isInteger(b?.total),
  'nextCursor present': (b) => b !== null && 'nextCursor' in b,
  'newest first': (b) => {
    const dates: string[] = (b?.items ?? []).map((p: any) => p.createdAt);
    return dates.every((d, i) => i === 0 || (dates[i - 1] as string) >= d);
  },
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
