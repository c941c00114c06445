import { currentMetrics } from '../http/request-metrics.ts';
import type { CacheBackend } from './types.ts';

type Loaded = { value: unknown };

/**
 * Builds getOrLoad over a backend: JSON values, single-flight per key within the process,
 * cache errors counted and bypassed. A request that waits on another's load counts as a miss
 * (the cache did not have the value) but runs no query of its own.
 */
export function createGetOrLoad(backend: CacheBackend) {
  const inFlight = new Map<string, Promise<Loaded>>();

  return async function getOrLoad<T>(key: string, ttlSec: number, load: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
    const metrics = currentMetrics();
    let cached: string | null = null;
    try {
      cached = await backend.get(key);
    } catch {
      if (metrics) metrics.cacheErrors += 1;
    }
    if (cached !== null) {
      if (metrics) metrics.cacheHits += 1;
      return { value: JSON.parse(cached) as T, hit: true };
    }
    if (metrics) metrics.cacheMisses += 1;

    let pending = inFlight.get(key);
    if (!pending) {
      pending = loadAndStore(key, ttlSec, load);
      inFlight.set(key, pending);
      const forget = () => inFlight.delete(key);
      pending.then(forget, forget);
    }
    return { value: (await pending).value as T, hit: false };
  };

  async function loadAndStore(key: string, ttlSec: number, load: () => Promise<unknown>): Promise<Loaded> {
    const value = await load();
    try {
      await backend.set(key, JSON.stringify(value), ttlSec);
    } catch {
      const metrics = currentMetrics();
      if (metrics) metrics.cacheErrors += 1;
    }
    return { value };
  }
}
