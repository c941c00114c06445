import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const K6_LIB = new URL('../../scenarios/k6/lib/', import.meta.url);

/**
 * Pure: the k6 script perflab runs around a user's script. It keeps the user's default function,
 * setup, teardown and `options.thresholds`, and replaces the load shape with one `measure`
 * scenario (perflab's model, duration and rate: warm-up is a separate discarded run) and the
 * summary with perflab's (what the k6 driver reads). Everything else in the user's `options`
 * (scenarios, stages, vus, duration) is ignored, and the report says so.
 */
export function wrapperSource(userScript: string): string {
  const lib = (file: string) => JSON.stringify(new URL(file, K6_LIB).href);
  return `import * as user from ${JSON.stringify(pathToFileURL(userScript).href)};
import { readEnv } from ${lib('env.ts')};
import { NO_REQUEST_GUARD, SUMMARY_TREND_STATS, SYSTEM_TAGS } from ${lib('load.ts')};
import { writeSummary } from ${lib('summary.ts')};

const env = readEnv(__ENV);
const own = (user.options && user.options.thresholds) || {};
const measure = env.model === 'open'
  ? { executor: 'constant-arrival-rate', rate: env.rate ?? 50, timeUnit: '1s', duration: env.durationSec + 's', preAllocatedVUs: env.maxVus ?? 10, maxVUs: env.maxVus ?? 10, gracefulStop: '5s' }
  : { executor: 'constant-vus', vus: env.vus ?? 10, duration: env.durationSec + 's', gracefulStop: '5s' };

export const options = {
  scenarios: { measure },
  thresholds: { 'http_req_duration{scenario:measure}': [], [NO_REQUEST_GUARD[0]]: [NO_REQUEST_GUARD[1]], ...own },
  summaryTrendStats: SUMMARY_TREND_STATS,
  systemTags: SYSTEM_TAGS,
};

export function setup() {
  return typeof user.setup === 'function' ? user.setup() : undefined;
}

export default function (data) {
  user.default(data);
}

export function teardown(data) {
  if (typeof user.teardown === 'function') user.teardown(data);
}

export function handleSummary(data) {
  return writeSummary(data, { comparison: __ENV.COMPARISON, env });
}
`;
}

/** Writes the wrapper of `userScript` into a temp dir; `remove()` deletes it. */
export async function writeWrapper(userScript: string): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-target-k6-'));
  const path = join(dir, 'target.js');
  await writeFile(path, wrapperSource(userScript));
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
