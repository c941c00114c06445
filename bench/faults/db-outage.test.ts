import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { createTestApp, requestVariant, tenantAt, tokenFor } from '../../reference-server/test-support/index.ts';
import { spawnRedisServer } from '../env/redis-server.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { which } from '../env/which.ts';
import { startTcpFaultProxy, type TcpFaultProxy } from './test-support/tcp-fault-proxy.ts';

/** Polls `probe` every 50 ms until it returns true; resolves with the milliseconds it took. */
async function msUntil(probe: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > limitMs) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - start;
}

describe('Postgres outage (a TCP proxy between the API and Postgres is cut)', () => {
  let proxy: TcpFaultProxy;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let token: string;
  const logged: string[] = [];

  beforeAll(async () => {
    const databaseUrl = inject('databaseUrl');
    proxy = await startTcpFaultProxy(Number(new URL(databaseUrl).port));
    t = await createTestApp({ databaseUrl: proxy.through(databaseUrl), redisUrl: undefined, dbConnectTimeoutSec: 2 });
    token = tokenFor(await tenantAt(0));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
    await proxy?.close();
  });

  it('answers a JSON 503 with Retry-After while Postgres refuses connections, and logs the outage once', async () => {
    expect((await requestVariant(t.app, 'naive', '/orders?limit=5', { token })).status).toBe(200);
    await proxy.cut('refuse');
    const answers = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await requestVariant(t.app, i % 2 ? 'naive' : 'optimized', '/orders?limit=5', { token });
      answers.push({ status: res.status, code: res.body?.error?.code, retryAfter: res.headers.get('retry-after') });
    }
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ status: 503, code: 'db_unavailable', retryAfter: '1' })));
    expect(logged.filter((line) => line.includes('database'))).toHaveLength(1);
    expect(logged.some((line) => line.includes('    at '))).toBe(false);
  }, 20_000);

  it('serves again within 2 s of Postgres coming back', async () => {
    await proxy.restore();
    const ms = await msUntil(async () => (await requestVariant(t.app, 'naive', '/orders?limit=5', { token })).status === 200, 20_000);
    expect(ms).toBeLessThanOrEqual(2_000);
    expect(logged.filter((line) => line.includes('database'))).toEqual([expect.stringContaining('unreachable'), 'database: reachable again']);
  }, 30_000);

  it('/ready answers 503 within its own timeout when Postgres hangs', async () => {
    await proxy.cut('hang');
    try {
      const res = await t.app.request('/ready');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toMatchObject({ ok: false, db: 'down', error: { code: 'not_ready' } });
    } finally {
      await proxy.restore();
    }
  }, 5_000);
});

describe('/ready with the cache down', () => {
  const bin = which('redis-server');
  it.skipIf(requireOrSkip('redis-server', bin !== null))('is 200 with the cache reported degraded: every route still works from Postgres', async () => {
    const redis = await spawnRedisServer(bin!);
    const t = await createTestApp({ redisUrl: redis.url });
    try {
      await redis.stop();
      const res = await t.app.request('/ready');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, db: 'up', cache: { backend: 'redis', status: 'degraded' } });
    } finally {
      await t.close();
      await redis.stop();
    }
  });
});
