import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { isAlive, runningCluster } from './embedded-postgres.ts';
import { provisionPostgres } from './postgres.ts';
import { withEnv } from '../test-support/with-env.ts';

const noDocker = { DATABASE_URL: undefined, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perflab-pg-chain-'));
  await chmod(dir, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function settings(url: string): Promise<Record<string, string>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ name: string; setting: string }[]>`
      SELECT name, setting FROM pg_settings WHERE name IN ('shared_preload_libraries', 'max_connections', 'fsync')`;
    const [db] = await sql<{ name: string }[]>`SELECT current_database() AS name`;
    return { ...Object.fromEntries(rows.map((r) => [r.name, r.setting])), database: db!.name };
  } finally {
    await sql.end();
  }
}

describe('provisionPostgres', () => {
  it('uses DATABASE_URL when set, and starts nothing', async () => {
    const url = inject('databaseUrl');
    const pg = await withEnv({ DATABASE_URL: url }, () => provisionPostgres({ dataDir: join(dir, 'unused') }));
    expect(pg).toMatchObject({ url, source: 'DATABASE_URL' });
    expect(pg.version).toMatch(/^\d+\.\d+/);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });

  it('turns an unreachable DATABASE_URL into one clear line without the password', async () => {
    const attempt = withEnv({ DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/nowhere' }, () => provisionPostgres());
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(/^DATABASE_URL \(postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere\) is unreachable: .*ECONNREFUSED/);
  });

  it('starts an embedded cluster with pg_stat_statements preloaded when Docker is absent, and removes it on stop', async () => {
    const dataDir = join(dir, 'throwaway');
    const pg = await withEnv(noDocker, () => provisionPostgres({ dataDir, persistent: false }));
    const pid = runningCluster(dataDir)?.pid;
    try {
      expect(pg.source).toBe('embedded');
      expect(pg.version).toMatch(/^17\./);
      expect(await settings(pg.url)).toEqual({
        shared_preload_libraries: 'pg_stat_statements',
        max_connections: '200',
        fsync: 'on',
        database: 'perflab',
      });
    } finally {
      await pg.stop();
    }
    expect(pid && isAlive(pid)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reports a taken port as a startup failure, without hanging or leaving a process behind', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const dataDir = join(dir, 'port-taken');
    try {
      const attempt = withEnv(noDocker, () => provisionPostgres({ dataDir, port, persistent: false }));
      await expect(attempt).rejects.toThrow(/^embedded Postgres failed to start in .*port-taken: .*(could not bind|Address already in use)/s);
    } finally {
      blocker.close();
    }
    expect(runningCluster(dataDir)).toBeNull();
    expect(existsSync(dataDir)).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)('as root, refuses a data dir the postgres user cannot reach, saying how to fix it', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { mode: 0o700 });
    const attempt = withEnv(noDocker, () => provisionPostgres({ dataDir: join(locked, 'pgdata') }));
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(`cannot enter ${locked} (mode 700); set PERFLAB_HOME`);
  });

  it('keeps a persistent data dir, reuses a cluster already running on it, and restarts from it', async () => {
    const dataDir = join(dir, 'persistent');
    const first = await withEnv(noDocker, () => provisionPostgres({ dataDir }));
    try {
      const sql = postgres(first.url, { max: 1, onnotice: () => {} });
      await sql`CREATE TABLE kept (id int)`;
      await sql.end();
      const again = await withEnv(noDocker, () => provisionPostgres({ dataDir }));
      expect(again).toMatchObject({ url: first.url, source: 'embedded', reused: true });
      await again.stop();
      expect(runningCluster(dataDir)).not.toBeNull();
    } finally {
      await first.stop();
    }
    expect(runningCluster(dataDir)).toBeNull();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    const restarted = await withEnv(noDocker, () => provisionPostgres({ dataDir }));
    try {
      expect(restarted.reused).toBeFalsy();
      const sql = postgres(restarted.url, { max: 1, onnotice: () => {} });
      expect(await sql`SELECT to_regclass('kept') AS t`).toEqual([{ t: 'kept' }]);
      await sql.end();
    } finally {
      await restarted.stop();
    }
  });
});
