import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { createCircuitBreaker, type BreakerState } from '../lib/circuit-breaker.ts';
import { CacheUnavailableError, type CacheBackend } from './types.ts';

/** Tuning of the Redis breaker; tests shorten the cool-off. */
export interface RedisBreakerOptions {
  failureThreshold?: number;
  coolOffMs?: number;
  log?: (line: string) => void;
}


/**
 * ioredis tuned to fail fast, behind a circuit breaker. With the offline queue off, a command
 * sent while Redis is down rejects at once; a hung Redis (SIGSTOP, network stall) would still
 * cost every call the 500 ms command timeout, so after `failureThreshold` failures the breaker
 * opens and calls skip Redis (getOrLoad serves from Postgres) until a probe succeeds.
 *
 * Stale reads are bounded here: an invalidation (DEL, INCR of a version key) that fails or is
 * skipped while Redis is unreachable would leave the old entry readable for its whole TTL once
 * Redis returns (a persistent or SIGSTOPped Redis keeps its data). So a lost invalidation opens
 * the breaker at once, and the probe that closes it first runs FLUSHDB: after an outage the
 * cache starts empty, and no read is served from Redis between the lost write and the flush.
 * This assumes the API owns its Redis database (it holds only this cache), as everywhere in perflab.
 */
export function createRedisBackend(url: string, options: RedisBreakerOptions = {}): { backend: CacheBackend; ready: Promise<void> } {
  const log = options.log ?? ((line: string) => console.error(line));
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2_000,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // reconnect attempts fire this repeatedly while Redis is down; the breaker logs the outage once
  let lastError = '';
  redis.on('error', (error: Error) => void (lastError = error.message));

  const breaker = createCircuitBreaker({
    failureThreshold: options.failureThreshold ?? 3,
    coolOffMs: options.coolOffMs ?? 1_000,
    onStateChange: (state: BreakerState, reason: string) =>
      log(state === 'open' ? `redis: unavailable (${reason}); serving from the database` : 'redis: reachable again, cache back in use'),
  });
  let lostInvalidation = false;

  async function call<T>(run: () => Promise<T>, invalidates = false): Promise<T> {
    if (!breaker.allow()) {
      if (invalidates) lostInvalidation = true;
      throw new CacheUnavailableError();
    }
    try {
      if (lostInvalidation) {
        await redis.flushdb();
        lostInvalidation = false;
      }
      const result = await run();
      breaker.succeed();
      return result;
    } catch (error) {
      if (invalidates) lostInvalidation = true;
      breaker.fail((error as Error).message || lastError, lostInvalidation);
      throw error;
    }
  }

  const backend: CacheBackend = {
    backend: 'redis',
    get: (key) => call(() => redis.get(key)),
    set: (key, value, ttlSec) => call(async () => void (await redis.set(key, value, 'EX', ttlSec))),
    del: async (...keys) => (keys.length === 0 ? 0 : call(() => redis.del(...keys), true)),
    // KEYS is only ever called to find entries to delete: a failed one is a lost invalidation too
    keys: (pattern) => call(() => redis.keys(pattern), true),
    incr: (key) => call(() => redis.incr(key), true),
    runScript: (lua, keys, args) => call(() => evalScript(redis, lua, keys, args)),
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

const shas = new Map<string, string>();

/** EVALSHA, and EVAL once when this Redis has not seen the script yet (NOSCRIPT: first call, or after a restart or SCRIPT FLUSH). */
async function evalScript(redis: Redis, lua: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  let sha = shas.get(lua);
  if (!sha) shas.set(lua, (sha = createHash('sha1').update(lua).digest('hex')));
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
    return redis.eval(lua, keys.length, ...keys, ...args);
  }
}
