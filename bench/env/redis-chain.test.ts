import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { isAlive } from './embedded-postgres.ts';
import { provisionRedis } from './redis.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { which } from './which.ts';
import { withEnv } from '../test-support/with-env.ts';

const noDocker = { REDIS_URL: undefined, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
const redisUrl = inject('redisUrl');

async function ping(url: string): Promise<string> {
  const client = new Redis(url, { maxRetriesPerRequest: 0 });
  try {
    return await client.ping();
  } finally {
    client.disconnect();
  }
}

describe('provisionRedis', () => {
  it.skipIf(requireOrSkip('Redis', redisUrl !== null))('uses REDIS_URL when set, and starts nothing', async () => {
    const redis = await withEnv({ REDIS_URL: redisUrl! }, () => provisionRedis());
    expect(redis).toMatchObject({ url: redisUrl, source: 'REDIS_URL' });
    expect(redis.version).toMatch(/^\d+\.\d+/);
    expect(redis.pid).toBeUndefined();
  });

  it('turns an unreachable REDIS_URL into one clear line', async () => {
    const attempt = withEnv({ REDIS_URL: 'redis://:secret@127.0.0.1:1' }, () => provisionRedis());
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(/^REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:1\) is unreachable: .*ECONNREFUSED/);
  });

  it.skipIf(requireOrSkip('redis-server', which('redis-server') !== null))(
    'spawns redis-server on a free loopback port when Docker is absent, and stops it',
    async () => {
      const redis = await withEnv(noDocker, () => provisionRedis());
      try {
        expect(redis.source).toBe('redis-server');
        expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
        expect(await ping(redis.url!)).toBe('PONG');
      } finally {
        await redis.stop();
      }
      expect(isAlive(redis.pid!)).toBe(false);
    },
  );

  it('falls back to the in-process cache, and says why, when nothing else exists', async () => {
    const redis = await withEnv({ ...noDocker, PATH: '/nonexistent' }, () => provisionRedis());
    expect(redis).toMatchObject({ url: null, source: 'in-process', version: null });
    expect(redis.reason).toBe(
      'no REDIS_URL, no Docker socket at /nonexistent/docker.sock, no redis-server on PATH: using the in-process cache',
    );
  });
});
