import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { installExitKill, runCleanup } from '../env/cleanup.ts';
import { migrate } from '../../reference-server/db/migrate.ts';
import { seedDataset } from '../../seed/seed.ts';
import { provisionPostgres } from '../env/postgres.ts';
import { provisionRedis } from '../env/redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database seeded with the `tiny` set (seed 42). */
    databaseUrl: string;
    /** A real Redis, or null when the chain fell back to the in-process cache. */
    redisUrl: string | null;
    redisSource: 'REDIS_URL' | 'testcontainers' | 'redis-server' | 'in-process';
    /** The fixtures file the seeder wrote for the tiny set. */
    fixturesPath: string;
  }
}

/**
 * vitest globalSetup: a throwaway embedded cluster in a temp dir (or DATABASE_URL), migrated
 * and seeded with `tiny`, plus Redis from its chain; the returned teardown stops them all.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // vitest exits on SIGINT/SIGTERM without calling the teardown: kill what we started on exit.
  installExitKill();
  const dir = await mkdtemp(join(tmpdir(), 'perflab-test-'));
  // mkdtemp makes the dir 0700; as root, Postgres runs as `postgres` and must traverse it.
  await chmod(dir, 0o755);
  const teardown = async () => {
    await runCleanup();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const pg = await step('provisioning Postgres', () => provisionPostgres({ dataDir: join(dir, 'pgdata'), persistent: false }));
    await step('migrating', () => migrate(pg.url));
    const fixturesPath = join(dir, 'fixtures.json');
    await step('seeding the tiny data set', () => seedDataset(pg.url, { scale: 'tiny', seed: 42, fixturesPath }));
    const redis = await step('provisioning Redis', () => provisionRedis());
    if (redis.reason) process.stderr.write(`perflab tests: ${redis.reason}\n`);
    project.provide('databaseUrl', pg.url);
    project.provide('redisUrl', redis.url);
    project.provide('redisSource', redis.source);
    project.provide('fixturesPath', fixturesPath);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** vitest prints a failed globalSetup as a bare serialized object: name the step that failed. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`test setup failed while ${what}: ${message}`, { cause: error });
  }
}
