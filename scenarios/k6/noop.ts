/**
 * Calibration: GET /noop (no DB work), closed model — the HTTP ceiling of this host for k6 and
 * what k6 itself costs. `k6 run scenarios/k6/noop.ts -e BASE_URL=http://127.0.0.1:3000 -e VUS=50`
 * Env: VUS (default 50), DURATION, WARMUP, SUMMARY_PATH.
 */
import http from 'k6/http';
import exec from 'k6/execution';
import { readEnv } from './lib/env.ts';
import { SUMMARY_TREND_STATS, SYSTEM_TAGS } from './lib/load.ts';
import { writeSummary } from './lib/summary.ts';

const env = readEnv({ MODEL: 'closed', ...__ENV });
const vus = env.vus ?? 50;
const shape = (duration: number, startTime: number) => ({ executor: 'constant-vus', vus, duration: `${duration}s`, startTime: `${startTime}s`, gracefulStop: '2s' });

export const options = {
  scenarios: { ...(env.warmupSec > 0 ? { warmup: shape(env.warmupSec, 0) } : {}), measure: shape(env.durationSec, env.warmupSec) },
  // 'max>=0' always holds: it only makes k6 keep the measured submetric for the summary.
  thresholds: { 'http_req_duration{scenario:measure}': ['max>=0'], 'http_req_failed{scenario:measure}': ['rate<0.01'] },
  summaryTrendStats: SUMMARY_TREND_STATS,
  systemTags: SYSTEM_TAGS,
  discardResponseBodies: true,
};

export function setup(): void {
  const res = http.get(`${env.baseUrl}/noop`);
  if (res.status !== 200) exec.test.abort(`setup: GET ${env.baseUrl}/noop answered ${res.status || res.error}`);
}

export default function (): void {
  http.get(`${env.baseUrl}/noop`, { tags: { name: 'GET /noop' } });
}

export function handleSummary(data: any): Record<string, string> {
  return writeSummary(data, { comparison: 'noop', env });
}
