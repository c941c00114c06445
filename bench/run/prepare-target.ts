import { existsSync } from 'node:fs';
import { UsageError } from '../../lib/usage-error.ts';
import { startLocalStack, type LocalStackStep } from '../env/local-stack.ts';
import { redactUrl } from '../env/postgres.ts';
import { readFixtures, type Fixtures } from '../../seed/fixtures-schema.ts';
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
    return { baseUrl: url.origin, fixtures: await readFixtures(fixturesPath), fixturesPath, services: { postgres: { version: 'unknown', source: unknown.source }, redis: unknown, serverSettings: null, postgresSettings: null } };
  }

  const sayStep = (s: LocalStackStep) => {
    if (s.step === 'environment') {
      say(`postgres: ${s.env.postgres.source} ${s.env.postgres.version} at ${redactUrl(s.env.postgres.url)}`);
      say(s.env.redis.url ? `redis: ${s.env.redis.source} ${s.env.redis.version ?? ''}` : `redis: none found (${s.env.redis.source}); the API caches in-process and the report says so`);
    } else if (s.step === 'seeded') {
      say(s.seeded.skipped ? `data set: ${options.scale} (seed ${options.seed}) already loaded` : `data set: ${options.scale} (seed ${options.seed}) loaded in ${s.seeded.seconds.toFixed(1)} s`);
    } else say(`reference API: ${s.api.baseUrl} (pid ${s.api.pid})`);
  };
  const { env, api } = await startLocalStack({
    seed: { scale: options.scale, seed: options.seed, fixturesPath, onProgress: progressEvery(say) },
    // postgres.js slows down for good once more queries wait than its pool holds (porsager/postgres#747)
    api: { poolMax: maxConcurrency + 4 },
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
