/**
 * auth-context: GET /{variant}/me — user + memberships from the DB every request vs a cached session context.
 * `k6 run scenarios/k6/auth-context.ts -e BASE_URL=http://127.0.0.1:3000 [-e VARIANT=optimized]`
 * Env: VARIANT, MODEL (open|closed), RATE, VUS, MAX_VUS, DURATION, WARMUP, SEED, FIXTURES, SUMMARY_PATH, THRESHOLDS.
 */
import { comparisonScript } from './lib/comparison.ts';

const script = comparisonScript('auth-context', {
  'user, tenant and role': (b) => Number.isInteger(b?.user?.id) && Number.isInteger(b?.tenant?.id) && typeof b?.role === 'string',
  'memberships listed': (b) => Array.isArray(b?.memberships) && b.memberships.length >= 1,
});

export const options = script.options;
export const setup = script.setup;
export const handleSummary = script.handleSummary;
export default function (data: Parameters<typeof script.iterate>[0]): void {
  script.iterate(data);
}
