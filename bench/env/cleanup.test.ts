import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onCleanup, runCleanup } from './cleanup.ts';
import { isAlive } from './embedded-postgres.ts';
import { projectRoot } from '../../lib/paths.ts';
import type { Services } from './services.ts';

const tsx = import.meta.resolve('tsx');
let dir = '';
const started: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perflab-cleanup-'));
  await chmod(dir, 0o755);
});
afterAll(async () => {
  // SIGTERM, not SIGKILL: a host killed outright would orphan its Postgres.
  for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

/** Environment of a child that must provision embedded Postgres and redis-server itself. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL, REDIS_URL, VITEST, ...rest } = process.env;
  return { ...rest, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
}

function startHost(name: string): { child: ChildProcess; ready: Promise<Services>; exited: Promise<number | null> } {
  const args = ['--import', tsx, join(projectRoot, 'bench/env/service-host.ts'), '--data-dir', join(dir, name, 'pgdata'),
    '--services-file', join(dir, `${name}.json`), '--not-persistent'];
  const child = spawn(process.execPath, args, { env: isolatedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<Services>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as Services));
    void exited.then((code) => reject(new Error(`host exited ${code} before ready: ${stderr}`)));
  });
  return { child, ready, exited };
}

/** Processes whose command line mentions `needle`, from `ps`. */
function processesMentioning(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(needle) && !line.includes('ps -eo'));
}

describe('cleanup registry', () => {
  it('stops in reverse order of registration and carries on past a failing step', async () => {
    const order: string[] = [];
    onCleanup('first', () => void order.push('first'));
    onCleanup('broken', () => {
      throw new Error('boom');
    });
    onCleanup('last', async () => void order.push('last'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await runCleanup();
    expect(order).toEqual(['last', 'first']);
    expect(stderr).toHaveBeenCalledWith('perflab: could not stop broken: boom\n');
    stderr.mockRestore();
  });

  it('an unregistered step is not run', async () => {
    const order: string[] = [];
    const unregister = onCleanup('gone', () => void order.push('gone'));
    unregister();
    await runCleanup();
    expect(order).toEqual([]);
  });
});

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('a host process receiving %s', (signal, exitCode) => {
  it(`stops its Postgres and redis-server, removes its services file and exits ${exitCode}`, async () => {
    const host = startHost(signal.toLowerCase());
    const services = await host.ready;
    expect(services.postgres.source).toBe('embedded');
    expect(services.redis.source).toBe('redis-server');
    const pids = [services.postgres.pid!, services.redis.pid!];
    expect(pids.every(isAlive)).toBe(true);
    const redisPort = new URL(services.redis.url!).port;

    host.child.kill(signal);
    expect(await host.exited).toBe(exitCode);

    expect(pids.filter(isAlive)).toEqual([]);
    expect(processesMentioning(services.dataDir)).toEqual([]);
    expect(processesMentioning(`redis-server 127.0.0.1:${redisPort}`)).toEqual([]);
    expect(existsSync(join(dir, `${signal.toLowerCase()}.json`))).toBe(false);
    expect(existsSync(services.dataDir)).toBe(false);
  }, 180_000); // an embedded cluster's initdb and start
});

describe('a process dying of an uncaught error', () => {
  it('stops the redis-server it spawned and exits 1', async () => {
    const script = `
      const { spawnRedisServer } = await import(${JSON.stringify(join(projectRoot, 'bench/env/redis-server.ts'))});
      const { installExitHandlers } = await import(${JSON.stringify(join(projectRoot, 'bench/env/cleanup.ts'))});
      installExitHandlers();
      const server = await spawnRedisServer('redis-server');
      console.log(server.pid);
      setTimeout(() => { throw new Error('unexpected failure'); }, 10);`;
    const child = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { env: isolatedEnv() });
    started.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('unexpected failure');
    expect(isAlive(Number(stdout.trim()))).toBe(false);
  });
});
