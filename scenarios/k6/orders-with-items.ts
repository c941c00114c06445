/**
 * orders-with-items: GET /{variant}/orders?limit=50 — N+1 ORM include vs one query.
 * `k6 run scenarios/k6/orders-with-items.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('orders-with-items', {
  'items is an array': (b) => Array.isArray(b?.items),
  'orders carry customer and items': (b) => (b?.items ?? []).every((o: any) => o.customer && Array.isArray(o.items)),
  'items carry their product': (b) => (b?.items ?? []).every((o: any) => o.items.every((i: any) => i.product && i.product.id === i.productId)),
  'newest first': (b) => {
    const dates: string[] = (b?.items ?? []).map((o: any) => o.createdAt);
    return dates.every((d, i) => i === 0 || (dates[i - 1] as string) >= d);
  },
  'nextCursor present': (b) => b !== null && 'nextCursor' in b,
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
