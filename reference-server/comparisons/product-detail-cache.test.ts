import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownRedisDb } from '../test-support/own-redis-db.ts';
import { spawnRedisServer } from '../../bench/env/redis-server.ts';
import { requireOrSkip } from '../../bench/test-support/test-requirements.ts';
import { which } from '../../bench/env/which.ts';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createApp, createRuntime } from '../app.ts';
import { Stats, type StatsSnapshot } from '../http/stats.ts';
import { createTestApp, requestBoth, requestVariant, seededRandom, testConfig, testFixtures, tokenFor } from '../test-support/index.ts';
import { bumpVersion } from '../cache/versioned-keys.ts';

const redisUrl = inject('redisUrl');
const noRedis = requireOrSkip('Redis', redisUrl !== null);
const redisServer = which('redis-server');
/** A Redis database of this file's own, so other files' keys (and their KEYS sweeps) never meet ours. */

let t: Awaited<ReturnType<typeof createTestApp>>;
let tenants: TenantFixtures[];

beforeAll(async () => {
  t = await createTestApp({ redisUrl: ownRedisDb('product-detail-cache') });
  tenants = (await testFixtures()).tenants;
});
afterAll(() => t.close());

/** A product id no request in this file has cached yet under its current version. */
async function coldProduct(tenant: TenantFixtures, index: number): Promise<number> {
  const id = tenant.hotProductIds[index % tenant.hotProductIds.length]!;
  await bumpVersion(t.deps.cache, tenant.id, id);
  return id;
}

describe('product-detail-cache', () => {
  it('gives byte-equal JSON from both variants, cold and warm, over 24 seeded products', async () => {
    const random = seededRandom(11);
    for (let i = 0; i < 24; i++) {
      const tenant = tenants[Math.floor(random() * tenants.length)]!;
      const pool = i % 2 === 0 ? tenant.hotProductIds : tenant.coldProductIds;
      const id = pool[Math.floor(random() * pool.length)]!;
      await bumpVersion(t.deps.cache, tenant.id, id);
      const { naive, optimized } = await requestBoth(t.app, `/products/${id}`, { token: tokenFor(tenant) });
      const warm = await requestVariant(t.app, 'optimized', `/products/${id}`, { token: tokenFor(tenant) });
      expect(naive.status, `product ${id}`).toBe(200);
      expect(optimized.text, `product ${id} cold`).toBe(naive.text);
      expect(warm.text, `product ${id} warm`).toBe(naive.text);
      expect(naive.body.product).toMatchObject({ id, tenantId: tenant.id });
      expect(naive.body.latestReviews.length).toBeLessThanOrEqual(5);
    }
  });

  it('matches the database: reviews newest first, rating rounded to 2 decimals', async () => {
    const tenant = tenants[0]!;
    const [row] = await t.deps.sql<{ product_id: number; n: number; avg: string }[]>`
      SELECT product_id, count(*)::int AS n, round(avg(rating), 2)::text AS avg FROM reviews
      WHERE tenant_id = ${tenant.id} GROUP BY product_id HAVING count(*) > 5 ORDER BY count(*) DESC, product_id LIMIT 1`;
    expect(row, 'the tiny set has a product with more than 5 reviews').toBeDefined();
    const { naive } = await requestBoth(t.app, `/products/${row!.product_id}`, { token: tokenFor(tenant) });
    expect(naive.body.rating).toEqual({ average: Number(row!.avg), count: row!.n });
    expect(naive.body.latestReviews).toHaveLength(5);
    const dates = naive.body.latestReviews.map((r: { createdAt: string }) => r.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('costs naive 5 queries every time; optimized 1 on a miss, 0 on a hit (Server-Timing says which)', async () => {
    const tenant = tenants[0]!;
    const id = await coldProduct(tenant, 1);
    const token = tokenFor(tenant);
    for (let i = 0; i < 3; i++) expect((await requestVariant(t.app, 'naive', `/products/${id}`, { token })).queryCount).toBe(5);
    const miss = await requestVariant(t.app, 'optimized', `/products/${id}`, { token });
    const hit = await requestVariant(t.app, 'optimized', `/products/${id}`, { token });
    expect([miss.queryCount, hit.queryCount]).toEqual([1, 0]);
    expect(miss.headers.get('server-timing')).toContain('cache;desc="miss"');
    expect(hit.headers.get('server-timing')).toContain('cache;desc="hit"');
  });

  it('loads once for 50 concurrent cold requests of one product (single-flight)', async () => {
    const tenant = tenants[0]!;
    const id = await coldProduct(tenant, 2);
    const token = tokenFor(tenant);
    const responses = await Promise.all(Array.from({ length: 50 }, () => requestVariant(t.app, 'optimized', `/products/${id}`, { token })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(responses.reduce((sum, r) => sum + r.queryCount, 0)).toBe(1);
  });

  it('answers 404 for another tenant’s product and a missing one, on both variants', async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    for (const id of [a.hotProductIds[0]!, 2_147_483_647]) {
      for (let round = 0; round < 2; round++) {
        const { naive, optimized } = await requestBoth(t.app, `/products/${id}`, { token: tokenFor(b) });
        expect([naive.status, optimized.status], `product ${id}`).toEqual([404, 404]);
        expect(optimized.text).toBe(naive.text);
      }
    }
  });

  it('refuses bad ids with a 4xx JSON error, never a 5xx', async () => {
    const token = tokenFor(tenants[0]!);
    const bad = ['abc', '-1', '0', '1.5', '1e3', '99999999999', "1'%20OR%20'1'='1", '1;DROP%20TABLE%20products', 'x'.repeat(10_000), '%00', '%25', '0x10'];
    for (const id of bad) {
      const { naive, optimized } = await requestBoth(t.app, `/products/${id}`, { token });
      for (const res of [naive, optimized]) {
        expect(res.status, id.slice(0, 40)).toBeGreaterThanOrEqual(400);
        expect(res.status, id.slice(0, 40)).toBeLessThan(500);
        expect(res.body.error.code).toBeTypeOf('string');
      }
    }
    const { naive, optimized } = await requestBoth(t.app, `/products/1`);
    expect([naive.status, optimized.status]).toEqual([401, 401]);
  });

  it.skipIf(requireOrSkip('redis-server', redisServer !== null))('keeps answering 200 from the database when Redis dies, and counts the errors', async () => {
    const redis = await spawnRedisServer(redisServer!);
    const runtime = await createRuntime(testConfig({ redisUrl: redis.url }));
    try {
      const stats = new Stats();
      const app = createApp(runtime.deps, stats);
      const tenant = tenants[0]!;
      const id = tenant.hotProductIds[0]!;
      const token = tokenFor(tenant);
      const before = await requestVariant(app, 'optimized', `/products/${id}`, { token });
      expect((await requestVariant(app, 'optimized', `/products/${id}`, { token })).headers.get('server-timing')).toContain('cache;desc="hit"');
      await redis.stop();
      for (let i = 0; i < 3; i++) {
        const after = await requestVariant(app, 'optimized', `/products/${id}`, { token });
        expect(after.status).toBe(200);
        expect(after.text).toBe(before.text);
        expect(after.queryCount).toBe(1);
        expect(after.headers.get('server-timing')).toContain('cache;desc="error"');
      }
      const snapshot = (await (await app.request('/__stats', { headers: { authorization: `Bearer ${tokenFor(tenant, 'admin')}` } })).json()) as StatsSnapshot;
      expect(snapshot.comparisons['product-detail-cache']?.optimized?.cache.errors).toBeGreaterThanOrEqual(3);
      expect(snapshot.comparisons['product-detail-cache']?.optimized?.status).toEqual({ '200': 5 });
    } finally {
      await redis.stop();
      await runtime.close();
    }
  });

  it.skipIf(noRedis)('stores entries in Redis under a versioned key', async () => {
    const tenant = tenants[0]!;
    const id = await coldProduct(tenant, 3);
    await requestVariant(t.app, 'optimized', `/products/${id}`, { token: tokenFor(tenant) });
    expect(t.deps.cache.backend).toBe('redis');
    const version = await t.deps.cache.get(`v:${tenant.id}:${id}`);
    expect(await t.deps.cache.keys(`product:${tenant.id}:${id}:*`)).toEqual([`product:${tenant.id}:${id}:v${version}`]);
  });
});
