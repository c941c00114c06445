import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../reference-server/config.ts';
import { listenApi, type RunningServer } from '../../../reference-server/server.ts';
import { readFixtures, type TenantFixtures } from '../../../seed/fixtures-schema.ts';
import { seedDataset } from '../../../seed/seed.ts';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres, type EmbeddedCluster } from '../../env/embedded-postgres.ts';
import { freePort } from '../../env/free-port.ts';
import { migrate } from '../../../reference-server/db/migrate.ts';
import { createDatabaseIfMissing, DATABASE_NAME } from '../../env/postgres.ts';
import { which } from '../../env/which.ts';
import { spawnPersistentRedis, type FaultRedis } from './redis-process.ts';
import { startTcpFaultProxy, type TcpFaultProxy } from './tcp-fault-proxy.ts';

/** Postgres, Redis and the API, all owned by the suite, with handles to break each. */
export interface FaultStack {
  api: RunningServer;
  tenant: TenantFixtures;
  /** Direct to Postgres (not through the proxy): for checking rows. */
  databaseUrl: string;
  postgres: { kill(): Promise<void>; start(): Promise<void> };
  /** Between the API and Postgres: `hang` is a stalled network or a stopped server. */
  pgLink: TcpFaultProxy;
  redis: FaultRedis;
  close(): Promise<void>;
}

/**
 * Starts its own embedded Postgres (persistent data dir, so a kill keeps the rows; migrated and
 * seeded `tiny`), a persistent redis-server, and the API in this process, talking to Postgres
 * through a TCP fault proxy. Nothing is shared with the test global setup.
 */
export async function startFaultStack(): Promise<FaultStack> {
  const redisBin = which('redis-server');
  if (!redisBin) throw new Error('redis-server not found on PATH');
  const dir = await mkdtemp(join(tmpdir(), 'perflab-faults-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const dataDir = join(dir, 'pgdata');
  const startPg = () => startEmbeddedPostgres({ dataDir, persistent: true, port });
  let cluster: EmbeddedCluster | null = await startPg();
  const base = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}`;
  const databaseUrl = `${base}/${DATABASE_NAME}`;
  const cleanups: Array<() => Promise<void>> = [async () => void (await cluster?.stop()), () => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    await createDatabaseIfMissing(`${base}/postgres`, DATABASE_NAME);
    await migrate(databaseUrl);
    const fixturesPath = join(dir, 'fixtures.json');
    await seedDataset(databaseUrl, { scale: 'tiny', seed: 42, fixturesPath });
    const tenant = (await readFixtures(fixturesPath)).tenants[0]!;
    const redisDir = join(dir, 'redis');
    await import('node:fs/promises').then((fs) => fs.mkdir(redisDir));
    const redis = await spawnPersistentRedis(redisBin, redisDir);
    cleanups.splice(1, 0, () => redis.stop());
    const pgLink = await startTcpFaultProxy(port);
    cleanups.push(() => pgLink.close());
    const config = loadConfig({ DATABASE_URL: pgLink.through(databaseUrl), REDIS_URL: redis.url, PORT: '0', PERFLAB_REQUEST_TIMEOUT_MS: '3000' });
    const api = await listenApi({ ...config, dbPoolMax: 16 });
    cleanups.push(() => api.close(1_000));
    const postgres = {
      kill: async () => {
        await cluster?.stop();
        cluster = null;
      },
      start: async () => void (cluster = await startPg()),
    };
    return { api, tenant, databaseUrl, postgres, pgLink, redis, close };
  } catch (error) {
    await close();
    throw error;
  }
}
