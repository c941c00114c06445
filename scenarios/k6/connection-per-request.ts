/**
 * connection-per-request: GET /{variant}/customers/:id — a new Postgres connection per request vs the shared pool.
 * `k6 run scenarios/k6/connection-per-request.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('connection-per-request', {
  'customer summary': (b) => Number.isInteger(b?.id) && typeof b?.name === 'string' && typeof b?.email === 'string',
  'orders and lifetime counted': (b) => Number.isInteger(b?.orders) && Number.isInteger(b?.lifetimeCents),
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
