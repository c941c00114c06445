import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from './embedded-postgres.ts';
import { projectRoot } from '../../lib/paths.ts';
import type { Services } from './services.ts';

const exec = promisify(execFile);
let home = '';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'perflab-home-'));
  await chmod(home, 0o755);
});
afterAll(async () => {
  await perflab('down').catch(() => {});
  await rm(home, { recursive: true, force: true });
});

/** Runs the real CLI with its state in a temp PERFLAB_HOME and no outside services. */
async function perflab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL, REDIS_URL, VITEST, ...env } = process.env;
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), ...args], {
      env: { ...env, PERFLAB_HOME: home, DOCKER_HOST: 'unix:///nonexistent/docker.sock', NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('perflab up / down', () => {
  it('up starts a persistent Postgres and Redis that outlive it, prints their URLs, and is idempotent', async () => {
    const up = await perflab('up');
    expect(up.code).toBe(0);
    const [dbLine, redisLine] = up.stdout.trim().split('\n');
    expect(dbLine).toMatch(/^DATABASE_URL=postgres:\/\/postgres:perflab@127\.0\.0\.1:\d+\/perflab$/);
    expect(redisLine).toMatch(/^REDIS_URL=redis:\/\/127\.0\.0\.1:\d+$/);
    expect(up.stderr).toMatch(/^perflab: started \(host pid \d+\): Postgres 17\.\d+ \(embedded, data in .*pgdata\), Redis/);

    const sql = postgres(dbLine!.slice('DATABASE_URL='.length), { max: 1, onnotice: () => {} });
    const [row] = await sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
    await sql.end();
    expect(row!.n).toBeGreaterThan(0);

    const again = await perflab('up', '--json');
    const services = JSON.parse(again.stdout) as Services;
    expect(again.stderr).toMatch(/already running/);
    expect(`DATABASE_URL=${services.postgres.url}`).toBe(dbLine);
  }, 180_000); // initdb and the first start: 15 s here, several times that on a loaded runner

  it('down stops every process up started and keeps the data; --purge removes it', async () => {
    const services = JSON.parse((await perflab('up', '--json')).stdout) as Services;
    const pids = [services.hostPid, services.postgres.pid!, services.redis.pid!];
    const down = await perflab('down');
    expect(down).toMatchObject({ code: 0, stdout: `perflab: stopped perflab up (host pid ${services.hostPid})\n` });
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(join(home, 'services.json'))).toBe(false);
    expect(existsSync(join(home, 'pgdata', 'PG_VERSION'))).toBe(true);

    expect((await perflab('down')).stdout).toBe('perflab: nothing was running\n');
    const purge = await perflab('down', '--purge');
    expect(purge.stdout).toBe(`perflab: nothing was running\nperflab: removed ${join(home, 'pgdata')}\n`);
    expect(existsSync(join(home, 'pgdata'))).toBe(false);
  });

  it('down also stops what a host killed outright left behind', async () => {
    const services = JSON.parse((await perflab('up', '--json')).stdout) as Services;
    process.kill(services.hostPid, 'SIGKILL');
    while (isAlive(services.hostPid)) await new Promise((resolve) => setTimeout(resolve, 20));
    const leftovers = [services.postgres.pid!, services.redis.pid!];
    expect(leftovers.every(isAlive)).toBe(true);
    const down = await perflab('down');
    expect(down.stdout).toBe(`perflab: stopped processes left running by a killed host (pids ${leftovers.join(', ')})\n`);
    expect(leftovers.filter(isAlive)).toEqual([]);
  });

  it('up with an unreachable DATABASE_URL fails with one line and exit 2', async () => {
    const { DATABASE_URL, ...env } = process.env;
    const result = await exec(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), 'up'], {
      env: { ...env, PERFLAB_HOME: home, DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/db' },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^perflab: DATABASE_URL \(postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db\) is unreachable: connect ECONNREFUSED 127\.0\.0\.1:1\n$/);
  });

  it('rejects unknown flags', async () => {
    expect(await perflab('down', '--purgee')).toMatchObject({ code: 2, stderr: "perflab: unknown option '--purgee': did you mean '--purge'?\n" });
  });
});

describe('perflab doctor', () => {
  it('prints one line per component with the branch each chain will take', async () => {
    const doctor = await perflab('doctor', '--json');
    const { checks } = JSON.parse(doctor.stdout) as { checks: Array<{ name: string; ok: boolean; detail: string }> };
    expect(checks.map((c) => c.name)).toEqual(['node', 'postgres', 'redis', 'docker', 'k6', 'wrk', 'chromium']);
    expect(checks.find((c) => c.name === 'postgres')!.detail).toMatch(/^embedded-postgres, data dir .*no DATABASE_URL, no Docker socket/);
    expect(checks.find((c) => c.name === 'docker')).toMatchObject({ ok: false });
    const text = await perflab('doctor');
    expect(text.stdout.trim().split('\n')).toHaveLength(7);
  });

  it('reports an unreachable DATABASE_URL as a failed required check and exits 1', async () => {
    const { code, stdout } = await exec(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), 'doctor'], {
      env: { ...process.env, DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' },
    }).then((r) => ({ ...r, code: 0 }), (error: { code: number; stdout: string }) => error);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL postgres .* is unreachable: connect ECONNREFUSED/m);
  });
});

