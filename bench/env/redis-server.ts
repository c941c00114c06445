import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { registerChild, stopChild } from './cleanup.ts';
import { freePort } from './free-port.ts';
import { recordPid } from './pid-files.ts';

/**
 * Spawns `redis-server` on a free 127.0.0.1 port with persistence off, registered with the
 * cleanup registry and in a pid file for `perflab down`, and resolves once PING answers.
 * Stopping sends SIGTERM and waits.
 */
export async function spawnRedisServer(bin: string): Promise<{ url: string; version: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const unregister = registerChild('redis-server', child);
  // a command killed outright (SIGKILL) runs no cleanup: the pid file lets `perflab down` stop this server
  const forget = recordPid({ name: 'redis-server', pid: child.pid!, marker: `redis-server 127.0.0.1:${port}` });
  child.once('exit', forget);
  let output = '';
  const collect = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-2000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const stop = async () => {
    unregister();
    await stopChild(child);
  };
  const url = `redis://127.0.0.1:${port}`;
  try {
    const version = await waitForRedis(url, () => child.exitCode !== null || child.signalCode !== null, 10_000);
    return { url, version, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    const lastLine = output.trim().split('\n').at(-1) ?? '';
    throw new Error(`redis-server did not start on port ${port}: ${(error as Error).message}${lastLine ? ` (${lastLine})` : ''}`);
  }
}

/** Polls until the server answers PING, then returns its `redis_version`. */
async function waitForRedis(url: string, exited: () => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error('the process exited');
    try {
      return await redisVersion(url, 500);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Connects once (no retries) and returns the server's `redis_version`. */
export async function redisVersion(url: string, timeoutMs = 3000): Promise<string> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // ioredis rejects with "Connection is closed."; the socket error it emitted says why.
  let cause: Error | null = null;
  client.on('error', (error: Error) => void (cause ??= error));
  try {
    await client.connect();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch (error) {
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}
