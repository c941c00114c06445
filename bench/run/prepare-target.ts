import { existsSync } from 'node:fs';
import { UsageError } from '../../lib/usage-error.ts';
import { startLocalStack, type LocalStackStep } from '../env/local-stack.ts';
import { redactUrl } from '../env/postgres.ts';
import { findToxiproxy, TOXIPROXY_BUILD_HINT, TOXIPROXY_VERSION } from '../env/toxiproxy.ts';
import type { ReplicaOutcome } from '../env/replica-stack.ts';
import { catalogIds } from '../../scenarios/catalog.ts';
import { readFixtures, type Fixtures } from '../../seed/fixtures-schema.ts';
import { isStep } from '../../seed/seed-progress.ts';
import { DEFAULT_FIXTURES_PATH } from '../../seed/seed.ts';
import type { HostInfo } from '../results/types.ts';
import { assertLoadTarget } from './local-target.ts';
import { readPostgresSettings } from './reproducibility.ts';
import type { RunOptions } from './run-options.ts';

export interface Target {
  baseUrl: string;
  fixtures: Fixtures;
  fixturesPath: string;
  services: Pick<HostInfo, 'postgres' | 'redis' | 'serverSettings' | 'postgresSettings'>;
  /** The environment the API was started with (service URLs, pool size): a floor worker gets the same; null for --target. */
  apiEnv: Record<string, string> | null;
  /** The standby started for read-replica (or why none could be); null when not selected or for --target. */
  replica: ReplicaOutcome | null;
}

/**
 * Either the user's `--target` (checked to be loopback, nothing provisioned) or the full local
 * stack: Postgres and Redis by their chains, migrations, the data set (seeded once, reused
 * after), and the reference API in its own process with a pool sized to the load.
 */
export async function prepareTarget(options: RunOptions, maxConcurrency: number, say: (line: string) => void): Promise<Target> {
  const fixturesPath = options.fixturesPath ?? DEFAULT_FIXTURES_PATH;
  const latency = latencyProxyOptions(options);
  if (options.target) {
    const url = assertLoadTarget(options.target, options.allowRemote);
    if (!existsSync(fixturesPath)) throw new UsageError(`--target needs the fixtures of the data set it serves: ${fixturesPath} not found (pass --fixtures <path>)`);
    const unknown = { version: null, source: 'external (--target)' };
    return { baseUrl: url.origin, fixtures: await readFixtures(fixturesPath), fixturesPath, services: { postgres: { version: 'unknown', source: unknown.source }, redis: unknown, serverSettings: null, postgresSettings: null }, apiEnv: null, replica: null };
  }

  const sayStep = (s: LocalStackStep) => {
    if (s.step === 'environment') {
      say(`postgres: ${s.env.postgres.source} ${s.env.postgres.version} at ${redactUrl(s.env.postgres.url)}`);
      say(s.env.redis.url ? `redis: ${s.env.redis.source} ${s.env.redis.version ?? ''}` : `redis: none found (${s.env.redis.source}); the API caches in-process and the report says so`);
    } else if (s.step === 'seeded') {
      say(s.seeded.skipped ? `data set: ${options.scale} (seed ${options.seed}) already loaded` : `data set: ${options.scale} (seed ${options.seed}) loaded in ${s.seeded.seconds.toFixed(1)} s`);
    } else if (s.step === 'proxied') {
      say(`toxiproxy ${TOXIPROXY_VERSION}: Postgres +${options.dbLatencyMs} ms${s.proxies.redis ? `, Redis +${options.cacheLatencyMs} ms` : ''} per round trip (${s.proxies.toxiproxy.apiUrl})`);
    } else if (s.step === 'replica') {
      const { target, startSec, unavailable } = s.replica;
      say(target ? `replica: ${startSec === undefined ? 'PERFLAB_REPLICA_URL' : `physical streaming standby (base backup + start ${startSec.toFixed(1)} s)`} at ${redactUrl(target.replicaUrl)}` : `replica: none (${unavailable})`);
    } else say(`reference API: ${s.api.baseUrl} (pid ${s.api.pid})`);
  };
  const poolMax = maxConcurrency + 4;
  const rows = options.dataset ? { products: options.dataset.products, orders: options.dataset.orders } : {};
  const { env, api, apiServices, replica } = await startLocalStack({
    replica: (options.only ?? catalogIds).includes('read-replica'),
    seed: { scale: options.scale, seed: options.seed, fixturesPath, onProgress: progressEvery(say), ...rows },
    ...(options.dataset ? { postgres: { dataDir: options.dataset.pgDataDir } } : {}),
    // postgres.js slows down for good once more queries wait than its pool holds (porsager/postgres#747)
    api: { poolMax },
    ...(latency ? { latency } : {}),
    onStep: sayStep,
  });
  return {
    baseUrl: api.baseUrl,
    fixtures: await readFixtures(fixturesPath),
    fixturesPath,
    services: {
      postgres: { version: env.postgres.version, source: env.postgres.source },
      redis: { version: env.redis.version, source: env.redis.source },
      serverSettings: api.settings,
      postgresSettings: await readPostgresSettings(env.postgres.url),
    },
    apiEnv: { DATABASE_URL: apiServices.databaseUrl, ...(apiServices.redisUrl ? { REDIS_URL: apiServices.redisUrl } : {}), PERFLAB_DB_POOL_MAX: String(poolMax) },
    replica,
  };
}

/** The Toxiproxy options for an added latency, or a UsageError (exit 2) when it cannot be honoured: never run without the stated latency. */
function latencyProxyOptions(options: RunOptions): { dbMs: number; cacheMs: number; toxiproxyBin: string } | null {
  if (options.dbLatencyMs === 0 && options.cacheLatencyMs === 0) return null;
  const flags = [options.dbLatencyMs ? '--db-latency' : null, options.cacheLatencyMs ? '--cache-latency' : null].filter(Boolean).join(' and ');
  if (options.target) throw new UsageError(`${flags} cannot apply to --target: perflab adds latency only between an API it starts and its services`);
  const bin = findToxiproxy();
  if (!bin) throw new UsageError(`${flags} needs Toxiproxy ${TOXIPROXY_VERSION}, not found: build it with ${TOXIPROXY_BUILD_HINT}`);
  return { dbMs: options.dbLatencyMs, cacheMs: options.cacheLatencyMs, toxiproxyBin: bin };
}

function progressEvery(say: (line: string) => void): (p: { table: string; rows: number; total: number }) => void {
  let lastTable = '';
  return ({ table, total }) => {
    if (table === lastTable) return;
    lastTable = table;
    const unit = isStep(table) ? '' : ` (${total.toLocaleString('en-US')} rows)`;
    say(`  seeding ${table}${unit}`);
  };
}
