import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownRedisDb } from '../test-support/own-redis-db.ts';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import { createTestApp, requestBoth, seededRandom, testFixtures, tokenFor } from '../test-support/index.ts';

describe('catalog-kv', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let fx: Fixtures;
  beforeAll(async () => {
    t = await createTestApp({ redisUrl: ownRedisDb('catalog-kv') });
    fx = await testFixtures();
  });
  afterAll(() => t.close());

  it('answers byte-equal JSON from both variants for 24 seeded random pages', async () => {
    const random = seededRandom(4201);
    for (let i = 0; i < 24; i++) {
      const tenant = fx.tenants[Math.floor(random() * fx.tenants.length)]!;
      const limit = 1 + Math.floor(random() * 200);
      // a few offsets land past the end: an empty page with the full total
      const offset = Math.floor(random() * (tenant.products + 50));
      const { naive, optimized } = await requestBoth(t.app, `/catalog?limit=${limit}&offset=${offset}`, { token: tokenFor(tenant) });
      expect(naive.status, naive.text).toBe(200);
      expect(optimized.text).toBe(naive.text);
      expect(naive.body.total).toBe(tenant.products);
      expect(naive.body.items).toHaveLength(Math.max(0, Math.min(limit, tenant.products - offset)));
    }
  });

  it('runs 1 + items queries on the naive side; optimized runs 1 (2 when the cached count is cold)', async () => {
    const tenant = fx.tenants[0]!;
    await t.deps.cache.del(`catalog:count:${tenant.id}`);
    const cold = await requestBoth(t.app, '/catalog?limit=10', { token: tokenFor(tenant) });
    expect(cold.optimized.queryCount).toBe(2);
    expect(cold.optimized.headers.get('server-timing')).toMatch(/cache;desc="miss"/);
    const cases = [
      { limit: 1, offset: 0 },
      { limit: 50, offset: 0 },
      { limit: 200, offset: 100 },
      { limit: 100, offset: tenant.products - 30 },
      { limit: 10, offset: tenant.products + 5 },
    ];
    for (const { limit, offset } of cases) {
      const { naive, optimized } = await requestBoth(t.app, `/catalog?limit=${limit}&offset=${offset}`, { token: tokenFor(tenant) });
      const items = Math.max(0, Math.min(limit, tenant.products - offset));
      expect(naive.queryCount, `limit=${limit} offset=${offset}`).toBe(1 + items);
      expect(optimized.queryCount, `limit=${limit} offset=${offset}`).toBe(1);
      expect(optimized.text).toBe(naive.text);
    }
  });

  it('defaults to 50 items from offset 0', async () => {
    const tenant = fx.tenants[0]!;
    const { naive, optimized } = await requestBoth(t.app, '/catalog', { token: tokenFor(tenant) });
    expect(naive.body.items).toHaveLength(Math.min(50, tenant.products));
    expect(naive.queryCount).toBe(1 + Math.min(50, tenant.products));
    expect(optimized.queryCount).toBeLessThanOrEqual(2);
    expect(optimized.text).toBe(naive.text);
  });

  it('shows each tenant only its own products, newest first', async () => {
    const seen = new Map<number, number>();
    for (const tenant of fx.tenants) {
      const { naive, optimized } = await requestBoth(t.app, `/catalog?limit=200`, { token: tokenFor(tenant) });
      for (const variant of [naive, optimized]) {
        const items = variant.body.items as { id: number; tenantId: number; createdAt: string }[];
        expect(items.every((p) => p.tenantId === tenant.id)).toBe(true);
        for (let i = 1; i < items.length; i++) {
          const [prev, cur] = [items[i - 1]!, items[i]!];
          expect(prev.createdAt > cur.createdAt || (prev.createdAt === cur.createdAt && prev.id > cur.id)).toBe(true);
        }
        for (const p of items) {
          expect(seen.get(p.id) ?? tenant.id).toBe(tenant.id);
          seen.set(p.id, tenant.id);
        }
      }
    }
  });

  it.each([
    ['limit=0'],
    ['limit=-1'],
    ['limit=201'],
    ['limit=abc'],
    ['limit=99999999999999999999'],
    ['offset=-1'],
    ['offset=1.5'],
    ['offset=abc'],
    ['offset=99999999999'],
    [`offset=${'9'.repeat(10_000)}`],
    ["limit=1;DROP TABLE kv_store;--"],
    ["offset=%27%22%3B--%25_%5C"],
  ])('rejects %s with 400 on both variants', async (query) => {
    const { naive, optimized } = await requestBoth(t.app, `/catalog?${query}`, { token: tokenFor(fx.tenants[0]!) });
    expect(naive.status).toBe(400);
    expect(optimized.status).toBe(400);
    expect(naive.body.error.code).toBe('invalid_input');
    expect(optimized.text).toBe(naive.text);
  });
});
