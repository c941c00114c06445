/**
 * Everything a k6 script reads from `-e KEY=value`, with defaults, in one place. Numbers given in
 * seconds (`DURATION=10`) or k6 durations (`DURATION=10s`).
 */
import type { Variant } from '../../types.ts';

export interface K6Env {
  baseUrl: string;
  variant: Variant;
  /** 'open' = constant-arrival-rate (default), 'closed' = constant-vus. */
  model: 'open' | 'closed';
  rate: number | null;
  vus: number | null;
  maxVus: number | null;
  durationSec: number;
  warmupSec: number;
  seed: number;
  fixturesPath: string | null;
  summaryPath: string | null;
  /** Extra thresholds as JSON, merged over the catalog's (used as written: no scoping). */
  extraThresholds: Record<string, string[]>;
}

export function readEnv(env: Record<string, string | undefined>): K6Env {
  const variant = env.VARIANT ?? 'naive';
  if (variant !== 'naive' && variant !== 'optimized') throw new Error(`VARIANT must be naive or optimized (got '${variant}')`);
  const model = env.MODEL ?? 'open';
  if (model !== 'open' && model !== 'closed') throw new Error(`MODEL must be open or closed (got '${model}')`);
  return {
    baseUrl: (env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, ''),
    variant,
    model,
    rate: optionalInt(env.RATE, 'RATE', 1),
    vus: optionalInt(env.VUS, 'VUS', 1),
    maxVus: optionalInt(env.MAX_VUS, 'MAX_VUS', 1),
    durationSec: seconds(env.DURATION ?? '10', 'DURATION', 1),
    warmupSec: seconds(env.WARMUP ?? '3', 'WARMUP', 0),
    seed: optionalInt(env.SEED, 'SEED', 0) ?? 42,
    fixturesPath: env.FIXTURES || null,
    summaryPath: env.SUMMARY_PATH || null,
    extraThresholds: env.THRESHOLDS ? thresholdsJson(env.THRESHOLDS) : {},
  };
}

/** `-e THRESHOLDS` as k6's `options.thresholds`: a JSON object of arrays of conditions. */
function thresholdsJson(raw: string): Record<string, string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const valid = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((c) => Array.isArray(c) && c.every((x) => typeof x === 'string'));
  if (!valid) throw new Error(`THRESHOLDS must be a JSON object like {"http_req_duration{scenario:measure}":["p(95)<100"]} (got '${raw}')`);
  return parsed as Record<string, string[]>;
}

function optionalInt(raw: string | undefined, name: string, min: number): number | null {
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got '${raw}')`);
  return value;
}

function seconds(raw: string, name: string, min: number): number {
  const match = /^(\d+)(s|m)?$/.exec(raw.trim());
  const value = match ? Number(match[1]) * (match[2] === 'm' ? 60 : 1) : NaN;
  if (!(value >= min)) throw new Error(`${name} must be a whole number of seconds ≥ ${min}, e.g. 10 or 10s (got '${raw}')`);
  return value;
}
