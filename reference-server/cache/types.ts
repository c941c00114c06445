/** Key-value cache the optimized variants use; Redis when available, else in-process. */
export interface Cache {
  readonly backend: 'redis' | 'in-process';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSec: number): Promise<void>;
  del(...keys: string[]): Promise<number>;
  /** Glob match like Redis KEYS (`*`, `?`); O(keyspace), which is why only naive code calls it. */
  keys(pattern: string): Promise<string[]>;
  incr(key: string): Promise<number>;
  /**
   * Runs a Lua script atomically on Redis (EVALSHA, the text sent once per connection): one round
   * trip for a read-modify-write no other client can interleave with. The in-process cache has no
   * scripts: it rejects with {@link ScriptsNeedRedisError}, which callers turn into a clear 503.
   */
  runScript(lua: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  /**
   * Cache-aside for JSON values: returns the cached value, or loads, stores with the TTL and
   * returns it. Concurrent misses on one key in this process share one load (single-flight).
   * If the cache itself fails, the value is loaded and returned anyway and the error is
   * counted on the current request, so a dead Redis degrades to the DB instead of failing.
   * `hit` is true only when the value came from the cache.
   */
  getOrLoad<T>(key: string, ttlSec: number, load: () => Promise<T>): Promise<{ value: T; hit: boolean }>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The primitive operations a backend provides; getOrLoad is built on them once for both backends. */
export type CacheBackend = Omit<Cache, 'getOrLoad'>;

/** Thrown without a round trip while the Redis breaker is open; callers treat it as any cache error, without logging it again. */
export class CacheUnavailableError extends Error {
  override name = 'CacheUnavailableError';
  constructor() {
    super('cache unavailable (circuit open)');
  }
}

/** Thrown by the in-process cache's runScript: what needs Redis data structures cannot fall back to a Map. */
export class ScriptsNeedRedisError extends Error {
  override name = 'ScriptsNeedRedisError';
  constructor() {
    super('this route needs Redis (the server runs with the in-process cache: set REDIS_URL)');
  }
}
