import { existsSync } from 'node:fs';
import { UsageError } from '../../lib/usage-error.ts';
import { onCleanup } from '../env/cleanup.ts';
import { acquireEnvironment } from '../env/environment.ts';
import { migrate } from '../../reference-server/db/migrate.ts';
import { redactUrl } from '../env/postgres.ts';
import { startServer } from '../server-process.ts';
import { readFixtures, type Fixtures } from '../../seed/fixtures-schema.ts';
import { DEFAULT_FIXTURES_PATH, seedDataset } from '../../seed/seed.ts';
import type { HostInfo } from '../results/types.ts';
import { assertLoadTarget } from './local-target.ts';
import type { RunOptions } from './run-options.ts';

export interface Target {
  baseUrl: string;
  fixtures: Fixtures;
  fixturesPath: string;
  services: Pick<HostInfo, 'postgres' | 'redis'>;
}

/**
 * Either the user's `--target` (checked to be loopback, nothing provisioned) or the full local
 * stack: Postgres and Redis by their chains, migrations, the data set (seeded once, reused
 * after), and the reference API in its own process with a pool sized to the load.
 */
export async function prepareTarget(options: RunOptions, maxConcurrency: number, say: (line: string) => void): Promise<Target> {
  const fixturesPath = options.fixturesPath ?? DEFAULT_FIXTURES_PATH;
  if (options.target) {
    const url = assertLoadTarget(options.target, options.allowRemote);
    if (!existsSync(fixturesPath)) throw new UsageError(`--target needs the fixtures of the data set it serves: ${fixturesPath} not found (pass --fixtures <path>)`);
    const unknown = { version: null, source: 'external (--target)' };
    return { baseUrl: url.origin, fixtures: await readFixtures(fixturesPath), fixturesPath, services: { postgres: { version: 'unknown', source: unknown.source }, redis: unknown } };
  }

  const env = await acquireEnvironment();
  onCleanup('postgres and redis', () => env.stop());
  say(`postgres: ${env.postgres.source} ${env.postgres.version} at ${redactUrl(env.postgres.url)}`);
  say(env.redis.url ? `redis: ${env.redis.source} ${env.redis.version ?? ''}` : `redis: none found (${env.redis.source}); the API caches in-process and the report says so`);
  await migrate(env.postgres.url);
  const seeded = await seedDataset(env.postgres.url, {
    scale: options.scale,
    seed: options.seed,
    fixturesPath,
    onProgress: progressEvery(say),
  });
  say(seeded.skipped ? `data set: ${options.scale} (seed ${options.seed}) already loaded` : `data set: ${options.scale} (seed ${options.seed}) loaded in ${seeded.seconds.toFixed(1)} s`);

  // postgres.js slows down for good once more queries wait than its pool holds (porsager/postgres#747)
  const server = await startServer({ databaseUrl: env.postgres.url, redisUrl: env.redis.url, poolMax: maxConcurrency + 4 });
  onCleanup('reference API', () => server.stop(), server.pid);
  say(`reference API: ${server.baseUrl} (pid ${server.pid})`);
  return {
    baseUrl: server.baseUrl,
    fixtures: await readFixtures(seeded.fixturesPath),
    fixturesPath: seeded.fixturesPath,
    services: {
      postgres: { version: env.postgres.version, source: env.postgres.source },
      redis: { version: env.redis.version, source: env.redis.source },
    },
  };
}

function progressEvery(say: (line: string) => void): (p: { table: string; rows: number; total: number }) => void {
  let lastTable = '';
  return ({ table, total }) => {
    if (table === lastTable) return;
    lastTable = table;
    const unit = table.endsWith(' indexes') ? '' : ` (${total.toLocaleString('en-US')} rows)`;
    say(`  seeding ${table}${unit}`);
  };
}
