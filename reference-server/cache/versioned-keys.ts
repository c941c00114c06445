import { currentMetrics } from '../http/request-metrics.ts';
import { CacheUnavailableError, type Cache } from './types.ts';

// Versioned keys: entries embed their product's version, so one INCR retires every cached copy
// (no KEYS sweep). Used by product-detail-cache, cache-invalidation and auth-context.

/** The key whose INCR invalidates every cached copy of one product: entries embed its value. */
export const versionKey = (tenantId: number, productId: number) => `v:${tenantId}:${productId}`;

/** Under `product:<tid>:*`, the pattern the naive writer sweeps with KEYS. */
export const detailKey = (tenantId: number, productId: number, version: string) => `product:${tenantId}:${productId}:v${version}`;

/** Retires every cached copy of the product in one O(1) command; readers move on to a key nobody has filled yet. */
export function bumpVersion(cache: Cache, tenantId: number, productId: number): Promise<void> {
  return incrVersion(cache, versionKey(tenantId, productId));
}

/**
 * INCRs a version key. A failure is counted and logged, not thrown: the write it follows is
 * committed, and entries under the old version expire by TTL.
 */
export async function incrVersion(cache: Cache, key: string): Promise<void> {
  try {
    await cache.incr(key);
  } catch (error) {
    countCacheError();
    // an open breaker already said so once (cache/redis-cache.ts)
    if (!(error instanceof CacheUnavailableError)) console.error(`cache: INCR ${key} failed; entries expire by TTL: ${(error as Error).message}`);
  }
}

/** The version readers embed in entry keys, '0' before the first write; null when the cache is unreachable. */
export async function readVersion(cache: Cache, key: string): Promise<string | null> {
  try {
    return (await cache.get(key)) ?? '0';
  } catch {
    // without the version an entry could be stale, so the caller bypasses the cache altogether
    countCacheError();
    return null;
  }
}

function countCacheError(): void {
  const metrics = currentMetrics();
  if (metrics) metrics.cacheErrors += 1;
}
