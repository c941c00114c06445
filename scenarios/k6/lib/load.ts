/**
 * Load shapes shared by every script: a `warmup` scenario (discarded: thresholds and the driver
 * only read `{scenario:measure}`) followed by `measure`, both open (constant-arrival-rate) or
 * both closed (constant-vus), sized from the catalog's load profile unless the env overrides it.
 */
import type { CatalogEntry } from '../../types.ts';
import type { K6Env } from './env.ts';

export function loadScenarios(entry: CatalogEntry, env: K6Env): Record<string, object> {
  const shape = (duration: number, startTime: number) =>
    env.model === 'open'
      ? openShape(env.rate ?? entry.load.open.rate, env.maxVus ?? entry.load.open.maxConnections, duration, startTime)
      : { executor: 'constant-vus', vus: env.vus ?? entry.load.closed.connections, duration: `${duration}s`, startTime: `${startTime}s`, gracefulStop: '5s' };
  const scenarios: Record<string, object> = {};
  if (env.warmupSec > 0) scenarios.warmup = shape(env.warmupSec, 0);
  scenarios.measure = shape(env.durationSec, env.warmupSec);
  return scenarios;
}

function openShape(rate: number, maxVus: number, duration: number, startTime: number): object {
  return {
    executor: 'constant-arrival-rate',
    rate,
    timeUnit: '1s',
    duration: `${duration}s`,
    startTime: `${startTime}s`,
    // All VUs up front: starting VUs mid-run drops iterations and reads as a slow server.
    preAllocatedVUs: maxVus,
    maxVUs: maxVus,
    gracefulStop: '5s',
  };
}

/**
 * A run in which no request completed must not exit 0: k6 passes trend and rate thresholds that
 * saw no sample, but a counter's `count>0` fails on zero.
 */
export const NO_REQUEST_GUARD = ['http_reqs{scenario:measure}', 'count>0'] as const;

/**
 * Catalog thresholds scoped to the measured scenario (`http_req_duration` →
 * `http_req_duration{scenario:measure}`), plus the k6-only contract check (responses keep
 * their shape: `checks` > 99%) and the no-request guard, then the env's extra thresholds as written.
 */
export function scopedThresholds(entry: CatalogEntry, env: K6Env): Record<string, string[]> {
  const scoped: Record<string, string[]> = {
    'http_req_duration{scenario:measure}': [],
    'checks{scenario:measure}': ['rate>0.99'],
    [NO_REQUEST_GUARD[0]]: [NO_REQUEST_GUARD[1]],
  };
  for (const [key, conditions] of Object.entries(entry.thresholds)) {
    const open = key.indexOf('{');
    const name = open < 0 ? key : key.slice(0, open);
    const tags = open < 0 ? '' : key.slice(open + 1, -1);
    const scopedKey = tags.includes('scenario:') ? key : `${name}{${tags ? `${tags},` : ''}scenario:measure}`;
    scoped[scopedKey] = [...(scoped[scopedKey] ?? []), ...conditions];
  }
  return { ...scoped, ...env.extraThresholds };
}

/**
 * The most VUs a script can have in flight: every scenario's VUs, since warm-up's last requests
 * (gracefulStop) overlap the start of `measure`.
 */
export function peakVus(scenarios: Record<string, object>): number {
  return Object.values(scenarios).reduce((sum: number, s) => sum + Number((s as { maxVUs?: number; vus?: number }).maxVUs ?? (s as { vus?: number }).vus ?? 0), 0);
}

/**
 * `perflab serve`'s default `--pool-max`: the catalog's largest peak (2 × 32 VUs, warm-up's tail
 * plus measure) and 4 for setup and `/__stats`, so a standalone run never queues for a Postgres
 * connection. bench/cli/serve-pool.test.ts ties it to serve's flag and to the catalog.
 */
export const SERVE_POOL_MAX = 68;

export const SUMMARY_TREND_STATS = ['count', 'avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'];

/** Tags k6 attaches to samples: no `url`, whose one value per id would make a time series per key. */
export const SYSTEM_TAGS = ['scenario', 'status', 'method', 'name', 'group', 'check', 'error', 'error_code', 'expected_response', 'proto'];
