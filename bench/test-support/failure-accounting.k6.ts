/**
 * k6 script for `failure-accounting.test.ts` only: naive → GET /status/503 (fails at once),
 * optimized → GET /delay/20 (200 after 20 ms), on the test server. Same env and summary as the
 * catalog scripts (BASE_URL, VARIANT, MODEL, RATE, MAX_VUS, DURATION, SUMMARY_PATH).
 */
import http from 'k6/http';
import { readEnv } from '../../scenarios/k6/lib/env.ts';
import { SUMMARY_TREND_STATS, SYSTEM_TAGS } from '../../scenarios/k6/lib/load.ts';
import { writeSummary } from '../../scenarios/k6/lib/summary.ts';

const env = readEnv(__ENV);
const path = env.variant === 'naive' ? '/status/503' : '/delay/20';
const rate = env.rate ?? 50;
const vus = env.maxVus ?? 4;

export const options = {
  scenarios: {
    measure: { executor: 'constant-arrival-rate', rate, timeUnit: '1s', duration: `${env.durationSec}s`, preAllocatedVUs: vus, maxVUs: vus, gracefulStop: '5s' },
  },
  // 'max>=0' always holds: it only makes k6 keep the measured submetric for the summary.
  thresholds: { 'http_req_duration{scenario:measure}': ['max>=0'], 'http_req_failed{scenario:measure}': ['rate<0.01'] },
  summaryTrendStats: SUMMARY_TREND_STATS,
  systemTags: SYSTEM_TAGS,
  discardResponseBodies: true,
};

export default function (): void {
  http.get(`${env.baseUrl}${path}`, { tags: { name: `GET ${path}` } });
}

export function handleSummary(data: any): Record<string, string> {
  return writeSummary(data, { comparison: 'failure-accounting', env });
}
