import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { isAlive } from '../env/embedded-postgres.ts';
import { projectRoot } from '../../lib/paths.ts';

let home = '';
let holder: Server;
let takenPort = 0;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'perflab-serve-'));
  await chmod(home, 0o755);
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  takenPort = (holder.address() as { port: number }).port;
});
afterAll(async () => {
  holder.close();
  await rm(home, { recursive: true, force: true });
});

/** pids of the services serve recorded while it ran (`.perflab/pids/`, here PERFLAB_HOME/pids). */
async function recordedPids(): Promise<number[]> {
  const files = await readdir(join(home, 'pids')).catch(() => [] as string[]);
  const pids = await Promise.all(files.map(async (f) => (JSON.parse(await readFile(join(home, 'pids', f), 'utf8').catch(() => '{}')) as { pid?: number }).pid));
  return pids.filter((pid): pid is number => typeof pid === 'number');
}

it('serve on a taken port says so in one line with --port 0 and exits 2, before starting any service', async () => {
  // the test database (already seeded tiny) and no Redis: serve used to spawn its own redis-server first, which kept it alive
  const { REDIS_URL, VITEST, ...env } = process.env;
  const child = spawn(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), 'serve', '--port', String(takenPort), '--scale', 'tiny'], {
    env: { ...env, DATABASE_URL: inject('databaseUrl'), PERFLAB_HOME: home, DOCKER_HOST: 'unix:///nonexistent/docker.sock', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const seen = new Set<number>();
  const watch = setInterval(() => void recordedPids().then((pids) => pids.forEach((pid) => seen.add(pid))), 25);
  // the hang was indefinite: 45 s is far beyond a clean failure (migrate, seed check, listen)
  const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(killer);
  clearInterval(watch);
  try {
    expect(code, stderr).toBe(2);
    expect(stderr).toBe(`perflab: cannot listen on 127.0.0.1:${takenPort}: the port is already in use (stop what holds it, or use --port 0 for any free port)\n`);
    expect(seen.size, 'serve checks its port before it starts Redis').toBe(0);
    expect([...seen].filter(isAlive)).toEqual([]);
    expect(await recordedPids()).toEqual([]);
  } finally {
    for (const pid of seen) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
});

it('a command that fails unexpectedly prints one line and exits 2, never 1 (which `run` keeps for a missed SLO)', async () => {
  const { VITEST, ...env } = process.env;
  // a port nothing listens on: every calibration request is refused
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  const args = [join(projectRoot, 'bench/cli/bin.mjs'), 'calibrate', '--target', `http://127.0.0.1:${closedPort}`, '--duration', '1', '--warmup', '0', '--connections', '2'];
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...env, PERFLAB_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^perflab: failed: .* \(PERFLAB_DEBUG=1 shows the stack\)$/);
});
