import { provisionPostgres, type PostgresHandle, type ProvisionPostgresOptions } from './postgres.ts';
import { provisionRedis, type RedisHandle } from './redis.ts';
import { readServices, servicesAsHandles } from './services.ts';

/** Postgres and Redis for one command, and one call that stops whatever this command started. */
export interface Environment {
  postgres: PostgresHandle;
  redis: RedisHandle;
  /** True when both came from a running `perflab up`. */
  fromUp: boolean;
  stop(): Promise<void>;
}

/**
 * What every command that needs a database calls: DATABASE_URL / REDIS_URL win; otherwise the
 * services of a live `perflab up` are reused; otherwise each chain provisions (and registers
 * for cleanup) its own. Stopping never stops services that `up` owns.
 * @example
 * const env = await acquireEnvironment();
 * try { await seedDataset(env.postgres.url, …); } finally { await env.stop(); }
 */
export async function acquireEnvironment(options: ProvisionPostgresOptions = {}): Promise<Environment> {
  const services = await readServices();
  const up = services ? servicesAsHandles(services) : null;
  const postgres = up && !process.env.DATABASE_URL ? up.postgres : await provisionPostgres(options);
  let redis: RedisHandle;
  try {
    redis = up && !process.env.REDIS_URL ? up.redis : await provisionRedis();
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    postgres,
    redis,
    fromUp: postgres === up?.postgres && redis === up?.redis,
    stop: async () => {
      await redis.stop();
      await postgres.stop();
    },
  };
}
