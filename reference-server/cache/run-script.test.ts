import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createCache, createMemoryCache, ScriptsNeedRedisError } from './index.ts';

const url = inject('redisUrl');
const COUNT_ARGS = `redis.call('SET', KEYS[1], ARGV[1]) return #ARGV`;

describe.skipIf(!url)('Cache.runScript on Redis', () => {
  const admin = new Redis(url!);
  afterAll(() => admin.quit());

  it('runs the script atomically with its keys and args, and again after Redis forgot every script (NOSCRIPT)', async () => {
    const cache = await createCache(url!);
    try {
      const key = `run-script-test:${process.pid}`;
      expect(await cache.runScript(COUNT_ARGS, [key], ['a', 2, 'c'])).toBe(3);
      expect(await admin.get(key)).toBe('a');
      await admin.script('FLUSH');
      expect(await cache.runScript(COUNT_ARGS, [key], ['b'])).toBe(1);
      expect(await admin.get(key)).toBe('b');
      await admin.del(key);
    } finally {
      await cache.close();
    }
  });
});

describe('Cache.runScript in process', () => {
  it('refuses with ScriptsNeedRedisError (callers answer 503 redis_required)', async () => {
    await expect(createMemoryCache().runScript(COUNT_ARGS, ['k'], [])).rejects.toBeInstanceOf(ScriptsNeedRedisError);
  });
});
