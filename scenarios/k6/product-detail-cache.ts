/**
 * product-detail-cache: GET /{variant}/products/:id — 5 queries every time vs Redis cache-aside (keys: Zipf over hot ids).
 * `k6 run scenarios/k6/product-detail-cache.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('product-detail-cache', {
  'product with brand and categories': (b) => Number.isInteger(b?.product?.id) && typeof b?.brand?.slug === 'string' && Array.isArray(b?.categories),
  'at most 5 latest reviews, newest first': (b) => {
    const reviews: any[] = b?.latestReviews ?? [];
    return reviews.length <= 5 && reviews.every((r, i) => i === 0 || reviews[i - 1].createdAt >= r.createdAt);
  },
  'rating has average and count': (b) => typeof b?.rating?.average === 'number' && Number.isInteger(b?.rating?.count),
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
