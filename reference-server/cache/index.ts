import { createGetOrLoad } from './get-or-load.ts';
import { createMemoryBackend } from './memory-cache.ts';
import { createRedisBackend, type RedisBreakerOptions } from './redis-cache.ts';
import type { Cache, CacheBackend } from './types.ts';

export type { Cache } from './types.ts';
export { CacheUnavailableError, ScriptsNeedRedisError } from './types.ts';

function withGetOrLoad(backend: CacheBackend): Cache {
  return { ...backend, getOrLoad: createGetOrLoad(backend) };
}

/** Redis when a URL is given (connection must succeed at startup), otherwise the in-process cache. */
export async function createCache(redisUrl: string | undefined, breaker?: RedisBreakerOptions): Promise<Cache> {
  if (!redisUrl) return withGetOrLoad(createMemoryBackend());
  const { backend, ready } = createRedisBackend(redisUrl, breaker);
  try {
    await ready;
  } catch (error) {
    await backend.close();
    throw new Error(`cannot connect to Redis at ${redisUrl}: ${(error as Error).message}`);
  }
  return withGetOrLoad(backend);
}

/** In-process cache, for tests and for servers started without Redis. */
export function createMemoryCache(now: () => number = Date.now): Cache {
  return withGetOrLoad(createMemoryBackend(now));
}
