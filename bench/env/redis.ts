import { UsageError } from '../../lib/usage-error.ts';
import { probeDocker } from './docker.ts';
import { redactUrl } from './postgres.ts';
import { registerCleanupOf } from './register-handle.ts';
import { redisVersion, spawnRedisServer } from './redis-server.ts';
import { which } from './which.ts';

/** The cache backend and how it was obtained; `url: null` means the in-process fallback. */
export interface RedisHandle {
  url: string | null;
  source: 'REDIS_URL' | 'testcontainers' | 'redis-server' | 'in-process';
  version: string | null;
  /** The redis-server process this chain spawned, if any. */
  pid?: number;
  /** Why the chain fell back to the in-process cache, in one line (reports print it). */
  reason?: string;
  stop(): Promise<void>;
}

/**
 * The Redis chain: REDIS_URL → a Testcontainers `redis:7` when a Docker engine answers →
 * `redis-server` from PATH on a free loopback port → the in-process cache, with the reason.
 */
export async function provisionRedis(): Promise<RedisHandle> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    try {
      return { url: fromEnv, source: 'REDIS_URL', version: await redisVersion(fromEnv), stop: async () => {} };
    } catch (error) {
      throw new UsageError(`REDIS_URL (${redactUrl(fromEnv)}) is unreachable: ${(error as Error).message}`);
    }
  }
  const docker = await probeDocker();
  if (docker.available) {
    const { startRedisContainer } = await import('./redis-container.ts');
    const container = await startRedisContainer();
    const version = await redisVersion(container.url);
    return registerCleanupOf('Redis container', { url: container.url, source: 'testcontainers' as const, version, stop: container.stop });
  }
  const bin = which('redis-server');
  if (bin) {
    const server = await spawnRedisServer(bin);
    return { url: server.url, source: 'redis-server', version: server.version, pid: server.pid, stop: server.stop };
  }
  return {
    url: null,
    source: 'in-process',
    version: null,
    reason: `no REDIS_URL, ${docker.reason ?? 'no Docker engine'}, no redis-server on PATH: using the in-process cache`,
    stop: async () => {},
  };
}
