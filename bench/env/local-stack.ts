import { migrate } from '../../reference-server/db/migrate.ts';
import { seedDataset, type SeedOptions, type SeedResult } from '../../seed/seed.ts';
import { spawnApiServer, type ApiServerOptions, type ApiServerProcess } from '../server-process.ts';
import { onCleanup } from './cleanup.ts';
import { acquireEnvironment, type Environment } from './environment.ts';

export interface LocalStackOptions {
  /** The data set to load when missing (skipped when its fingerprint matches); omit for no data set. */
  seed?: SeedOptions;
  /** How the API process listens and sizes its pool. */
  api?: Omit<ApiServerOptions, 'databaseUrl' | 'redisUrl'>;
  /** Called after each step, for progress lines. */
  onStep?: (step: LocalStackStep) => void;
}

export type LocalStackStep =
  | { step: 'environment'; env: Environment }
  | { step: 'seeded'; seeded: SeedResult }
  | { step: 'api'; api: ApiServerProcess };

export interface LocalStack {
  env: Environment;
  seeded: SeedResult | null;
  api: ApiServerProcess;
}

/**
 * What `run`, `serve` and `calibrate` stand on: Postgres and Redis by their chains (reused from
 * `perflab up` or DATABASE_URL/REDIS_URL), migrations, the data set when asked (seeded once,
 * reused after), and the reference API in its own process. Every part is registered for cleanup.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = await acquireEnvironment();
  onCleanup('postgres and redis', () => env.stop());
  options.onStep?.({ step: 'environment', env });
  await migrate(env.postgres.url);
  let seeded: SeedResult | null = null;
  if (options.seed) {
    seeded = await seedDataset(env.postgres.url, options.seed);
    options.onStep?.({ step: 'seeded', seeded });
  }
  const api = await spawnApiServer({ ...options.api, databaseUrl: env.postgres.url, redisUrl: env.redis.url });
  onCleanup('reference API', () => api.stop(), api.pid);
  options.onStep?.({ step: 'api', api });
  return { env, seeded, api };
}
