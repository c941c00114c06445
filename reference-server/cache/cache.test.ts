import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { spawnRedisServer } from '../../bench/env/redis-server.ts';
import { requireOrSkip } from '../../bench/test-support/test-requirements.ts';
import { which } from '../../bench/env/which.ts';
import { newRequestMetrics, withRequestMetrics } from '../http/request-metrics.ts';
import { createCache, createMemoryCache } from './index.ts';
import type { Cache } from './types.ts';

const redisUrl = inject('redisUrl');
const redisBin = which('redis-server');

function behavesLikeACache(name: string, make: () => Promise<Cache>, skip: boolean) {
  describe.skipIf(skip)(name, () => {
    let cache: Cache;
    afterAll(() => cache?.close());

    it('misses, loads once, then hits', async () => {
      cache = await make();
      const key = `test:${name}:${Math.random()}`;
      let loads = 0;
      const load = async () => ({ n: ++loads });
      const metrics = newRequestMetrics();
      const first = await withRequestMetrics(metrics, () => cache.getOrLoad(key, 60, load));
      const second = await withRequestMetrics(metrics, () => cache.getOrLoad(key, 60, load));
      expect(first).toEqual({ value: { n: 1 }, hit: false });
      expect(second).toEqual({ value: { n: 1 }, hit: true });
      expect(metrics).toMatchObject({ cacheHits: 1, cacheMisses: 1, cacheErrors: 0 });
    });

    it('runs one load for 50 concurrent misses on a key (single-flight)', async () => {
      const key = `test:${name}:flight:${Math.random()}`;
      let loads = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const load = async () => {
        loads += 1;
        await gate;
        return 'v';
      };
      const metrics = newRequestMetrics();
      const all = withRequestMetrics(metrics, () => Promise.all(Array.from({ length: 50 }, () => cache.getOrLoad(key, 60, load))));
      // the one load finishes only after all 50 callers have asked the cache and missed
      while (metrics.cacheMisses < 50) await new Promise((resolve) => setImmediate(resolve));
      release();
      const results = await all;
      expect(loads).toBe(1);
      expect(results.every((r) => r.value === 'v' && !r.hit)).toBe(true);
      expect(await cache.getOrLoad(key, 60, load)).toEqual({ value: 'v', hit: true });
    });

    it('supports keys(glob), del, incr', async () => {
      const prefix = `test:${name}:glob:${Math.random()}`;
      await cache.set(`${prefix}:a`, '1', 60);
      await cache.set(`${prefix}:b`, '2', 60);
      await cache.set(`${prefix}x:c`, '3', 60);
      expect((await cache.keys(`${prefix}:*`)).sort()).toEqual([`${prefix}:a`, `${prefix}:b`]);
      expect(await cache.del(`${prefix}:a`, `${prefix}:b`, `${prefix}:missing`)).toBe(2);
      expect(await cache.get(`${prefix}:a`)).toBeNull();
      expect(await cache.incr(`${prefix}:v`)).toBe(1);
      expect(await cache.incr(`${prefix}:v`)).toBe(2);
      expect(await cache.ping()).toBe(true);
    });
  });
}

behavesLikeACache('in-process', async () => createMemoryCache(), false);
behavesLikeACache('redis', () => createCache(redisUrl ?? undefined), requireOrSkip('Redis', redisUrl !== null));

describe('in-process TTL', () => {
  it('expires entries', async () => {
    let now = 1_000;
    const cache = createMemoryCache(() => now);
    await cache.set('k', 'v', 10);
    now += 9_999;
    expect(await cache.get('k')).toBe('v');
    now += 1;
    expect(await cache.get('k')).toBeNull();
  });
});

describe('Redis dying mid-run', () => {
  it.skipIf(requireOrSkip('redis-server', redisBin !== null))('falls back to the loader and counts the errors', async () => {
    const server = await spawnRedisServer(redisBin!);
    const cache = await createCache(server.url);
    try {
      let loads = 0;
      const load = async () => ++loads;
      const before = newRequestMetrics();
      await withRequestMetrics(before, () => cache.getOrLoad('k', 60, load));
      expect(await withRequestMetrics(before, () => cache.getOrLoad('k', 60, load))).toEqual({ value: 1, hit: true });
      await server.stop();
      const after = newRequestMetrics();
      const result = await withRequestMetrics(after, () => cache.getOrLoad('k', 60, load));
      expect(result).toEqual({ value: 2, hit: false });
      expect(after.cacheErrors).toBe(2); // the failed GET and the failed SET
      expect(await cache.ping()).toBe(false);
    } finally {
      await cache.close();
      await server.stop();
    }
  });
});
