import { Redis } from 'ioredis';
import type { CacheBackend } from './types.ts';

/**
 * ioredis tuned to fail fast: with the offline queue off and one retry, a command sent while
 * Redis is down rejects at once instead of waiting for a reconnect that may never come, and
 * the caller falls back to the database.
 */
export function createRedisBackend(url: string): { backend: CacheBackend; ready: Promise<void> } {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2_000,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let lastLogged = 0;
  redis.on('error', (error: Error) => {
    // reconnect attempts fire this repeatedly while Redis is down; one line every 10 s is enough
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      console.error(`redis: ${error.message}`);
    }
  });

  const backend: CacheBackend = {
    backend: 'redis',
    get: (key) => redis.get(key),
    set: async (key, value, ttlSec) => void (await redis.set(key, value, 'EX', ttlSec)),
    del: async (...keys) => (keys.length === 0 ? 0 : redis.del(...keys)),
    keys: (pattern) => redis.keys(pattern),
    incr: (key) => redis.incr(key),
    ping: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
  return { backend, ready: redis.connect() };
}
