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
export function wrapperSource(userScript: string, probeIterations: number | null = null): string {
  const lib = (file: string) => JSON.stringify(new URL(file, K6_LIB).href);
  // the statement probe: one VU, a fixed number of iterations, nothing cut short by a clock
  const probe = probeIterations === null ? '' : `const probe = { executor: 'per-vu-iterations', vus: 1, iterations: ${probeIterations}, maxDuration: '120s' };\n`;
  return `import * as user from ${JSON.stringify(pathToFileURL(userScript).href)};
import { readEnv } from ${lib('env.ts')};
import { NO_REQUEST_GUARD, SUMMARY_TREND_STATS, SYSTEM_TAGS } from ${lib('load.ts')};
import { writeSummary } from ${lib('summary.ts')};

const env = readEnv(__ENV);
const own = (user.options && user.options.thresholds) || {};
const measure = env.model === 'open'
  ? { executor: 'constant-arrival-rate', rate: env.rate ?? 50, timeUnit: '1s', duration: env.durationSec + 's', preAllocatedVUs: env.maxVus ?? 10, maxVUs: env.maxVus ?? 10, gracefulStop: '5s' }
  : { executor: 'constant-vus', vus: env.vus ?? 10, duration: env.durationSec + 's', gracefulStop: '5s' };
${probe}
export const options = {
  scenarios: { measure: ${probeIterations === null ? 'measure' : 'probe'} },
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

/** Writes the wrappers of `userScript` (load, and the statement probe of `probeIterations`) into a temp dir; `remove()` deletes them. */
export async function writeWrapper(userScript: string, probeIterations: number): Promise<{ path: string; probePath: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-target-k6-'));
  const path = join(dir, 'target.js');
  const probePath = join(dir, 'probe.js');
  await writeFile(path, wrapperSource(userScript));
  await writeFile(probePath, wrapperSource(userScript, probeIterations));
  return { path, probePath, remove: () => rm(dir, { recursive: true, force: true }) };
}
