import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCache, type Cache } from '../../reference-server/cache/index.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { which } from '../env/which.ts';
import { spawnPersistentRedis, type FaultRedis } from './test-support/redis-process.ts';

const bin = which('redis-server');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET commands Redis has executed so far (commands sent to a stopped Redis run once it resumes). */
async function getsExecuted(url: string): Promise<number> {
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await admin.connect();
    return Number(/cmdstat_get:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
  } finally {
    admin.disconnect();
  }
}

describe.skipIf(requireOrSkip('redis-server', bin !== null))('Redis faults', () => {
  let dir: string;
  let redis: FaultRedis;
  let cache: Cache | undefined;
  const logged: string[] = [];
  const open = (coolOffMs: number) => createCache(redis.url, { coolOffMs, log: (line) => void logged.push(line) });
  let loads = 0;
  const load = async () => `v${++loads}`;

  beforeEach(async () => {
    logged.length = 0;
    loads = 0;
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    dir = await mkdtemp(join(tmpdir(), 'perflab-redis-fault-'));
    redis = await spawnPersistentRedis(bin!, dir);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    redis.resume();
    await cache?.close();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stops calling a hung Redis after 3 failures (no 500 ms wait per call) and logs it once', async () => {
    cache = await open(60_000);
    await cache.getOrLoad('warm', 60, load);
    const before = await getsExecuted(redis.url);
    redis.pause();
    const results = [];
    for (let i = 0; i < 10; i += 1) results.push(await cache.getOrLoad(`hung:${i}`, 60, load));
    redis.resume();
    expect(results.every((r) => !r.hit)).toBe(true);
    // GET, (SET), GET, …: the breaker opens on the third failure; the GET of `warm` above was one
    expect((await getsExecuted(redis.url)) - before).toBeLessThanOrEqual(2);
    expect(logged.filter((line) => line.includes('redis'))).toEqual([expect.stringMatching(/^redis: unavailable/)]);
  }, 30_000);

  it('probes after the cool-off and uses Redis again once it answers, with one line per state change', async () => {
    cache = await open(300);
    redis.pause();
    for (let i = 0; i < 3; i += 1) await cache.getOrLoad(`flap:${i}`, 60, load);
    redis.resume();
    await sleep(400);
    await cache.getOrLoad('after', 60, load);
    expect(await cache.getOrLoad('after', 60, load)).toMatchObject({ hit: true });
    expect(logged.filter((line) => line.includes('redis'))).toEqual([expect.stringMatching(/^redis: unavailable/), 'redis: reachable again, cache back in use']);
  }, 30_000);

  it('serves no stale entry after a persistent Redis returns from an outage during which an invalidation was lost', async () => {
    cache = await open(300);
    expect(await cache.getOrLoad('product', 60, load)).toEqual({ value: 'v1', hit: false });
    await redis.kill();
    // the write the API made while Redis was down: its invalidation cannot reach Redis
    await expect(cache.del('product')).rejects.toThrow();
    await redis.start(); // the append-only file brings the old entry back
    for (let i = 0; i < 60 && !(await cache.ping()); i += 1) await sleep(100);
    expect((await cache.getOrLoad('product', 60, load)).value).not.toBe('v1');
    await sleep(400); // past the cool-off: the probe flushes, the cache is in use again
    const fresh = await cache.getOrLoad('product', 60, load);
    expect(fresh.value).not.toBe('v1');
    expect(await cache.getOrLoad('product', 60, load)).toEqual({ value: fresh.value, hit: true });
  }, 30_000);

  it('serves no stale entry after SIGCONT when an invalidation was skipped while Redis hung', async () => {
    cache = await open(300);
    expect(await cache.getOrLoad('item', 60, load)).toEqual({ value: 'v1', hit: false });
    redis.pause();
    for (let i = 0; i < 3; i += 1) await cache.getOrLoad(`pause:${i}`, 60, load);
    await expect(cache.del('item')).rejects.toThrow(); // breaker open: never sent
    redis.resume();
    await sleep(400);
    expect((await cache.getOrLoad('item', 60, load)).value).not.toBe('v1');
  }, 30_000);
});
