import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A redis-server of a test's own, which the test may crash (SIGKILL) and start again on the same port and data dir. */
export interface RedisProcess {
  url: string;
  /** SIGKILL: no shutdown save, no final fsync, what a crashed host does to Redis. */
  crash(): Promise<void>;
  /** Starts it again with the same settings and data dir (what survives is what was on disk). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** `persistent`: AOF with appendfsync always (every write on disk before the reply); else no RDB, no AOF (a cache). */
export async function startRedisProcess(options: { persistent: boolean }): Promise<RedisProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', options.persistent ? 'yes' : 'no', '--appendfsync', 'always'];
  let child = await launch(args);
  return {
    url: `redis://127.0.0.1:${port}`,
    crash: () => kill(child, 'SIGKILL'),
    restart: async () => {
      child = await launch(args);
    },
    stop: async () => {
      await kill(child, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function launch(args: string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (/Ready to accept connections/.test(line)) resolve();
    });
  });
  return child;
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
