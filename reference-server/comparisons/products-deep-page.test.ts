import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnRedisServer } from '../../bench/env/redis-server.ts';
import { requireOrSkip } from '../../bench/test-support/test-requirements.ts';
import { which } from '../../bench/env/which.ts';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { toIsoTimestamp } from '../db/client.ts';
import { encodeCursor } from '../lib/cursor.ts';
import { createTestApp, requestVariant, seededRandom, tenantAt, testFixtures, tokenFor } from '../test-support/index.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let tenants: TenantFixtures[];

beforeAll(async () => {
  t = await createTestApp();
  tenants = (await testFixtures()).tenants;
});
afterAll(() => t.close());

/** The cursor that ends page `page - 1`: what a client walking with nextCursor would hold. */
async function cursorBefore(tenantId: number, page: number, limit: number): Promise<string | undefined> {
  if (page === 1) return undefined;
  const [row] = await t.deps.sql<{ id: number; createdAt: string }[]>`
    SELECT id, created_at AS "createdAt" FROM products WHERE tenant_id = ${tenantId}
    ORDER BY created_at DESC, id DESC OFFSET ${(page - 1) * limit - 1} LIMIT 1`;
  return row ? encodeCursor({ createdAt: toIsoTimestamp(row.createdAt), id: row.id }) : undefined;
}

async function pageBoth(tenant: TenantFixtures, page: number, limit: number) {
  const cursor = await cursorBefore(tenant.id, page, limit);
  const naive = await requestVariant(t.app, 'naive', `/products?limit=${limit}&page=${page}`, { token: tokenFor(tenant) });
  const optimized = await requestVariant(t.app, 'optimized', `/products?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: tokenFor(tenant) });
  return { naive, optimized };
}

describe('products-deep-page', () => {
  it('gives byte-equal JSON for naive ?page=N and optimized ?cursor= over 24 seeded random pages', async () => {
    const random = seededRandom(11);
    for (let i = 0; i < 24; i++) {
      const tenant = tenants[Math.floor(random() * tenants.length)]!;
      const limit = 1 + Math.floor(random() * 100);
      const pages = Math.max(1, Math.ceil(tenant.products / limit));
      const page = 1 + Math.floor(random() * pages);
      const { naive, optimized } = await pageBoth(tenant, page, limit);
      expect(naive.status, `tenant ${tenant.id} page ${page} limit ${limit}`).toBe(200);
      expect(optimized.text, `tenant ${tenant.id} page ${page} limit ${limit}`).toBe(naive.text);
      expect(naive.body.total).toBe(tenant.products);
    }
  });

  it("matches the seeder's deep-page cursors (what the harness sends)", async () => {
    for (const tenant of tenants) {
      for (const deep of tenant.deepPages) {
        const naive = await requestVariant(t.app, 'naive', `/products?limit=${deep.limit}&page=${deep.page}`, { token: tokenFor(tenant) });
        const optimized = await requestVariant(t.app, 'optimized', `/products?limit=${deep.limit}&cursor=${deep.cursor}`, { token: tokenFor(tenant) });
        expect(naive.status).toBe(200);
        expect(optimized.text, `tenant ${tenant.id} page ${deep.page}`).toBe(naive.text);
      }
    }
  });

  it('ends with nextCursor null on the last page and an empty page beyond it', async () => {
    const tenant = await tenantAt(0);
    const limit = 100;
    const last = Math.ceil(tenant.products / limit);
    const { naive, optimized } = await pageBoth(tenant, last, limit);
    expect(optimized.text).toBe(naive.text);
    expect(naive.body.nextCursor).toBeNull();
    const beyond = await requestVariant(t.app, 'naive', `/products?limit=${limit}&page=${last + 1}`, { token: tokenFor(tenant) });
    expect(beyond.body).toMatchObject({ items: [], total: tenant.products, nextCursor: null });
  });

  it('costs the naive side 2 queries at any depth; the optimized side 1 once the count is cached', async () => {
    const tenant = await tenantAt(0);
    await t.deps.cache.del(`products:count:${tenant.id}`);
    const cold = await pageBoth(tenant, 3, 10);
    expect(cold.naive.queryCount).toBe(2);
    expect(cold.optimized.queryCount).toBe(2);
    expect(cold.optimized.headers.get('server-timing')).toContain('cache;desc="miss"');
    for (const [page, limit] of [[1, 1], [5, 20], [10, 100]] as const) {
      const { naive, optimized } = await pageBoth(tenant, page, limit);
      expect(naive.queryCount).toBe(2);
      expect(optimized.queryCount).toBe(1);
      expect(optimized.headers.get('server-timing')).toContain('cache;desc="hit"');
    }
  });

  it("only lists the caller's tenant, even with another tenant's cursor", async () => {
    const [a, b] = [await tenantAt(0), await tenantAt(1)];
    const foreign = await cursorBefore(a.id, 2, 10);
    const res = await requestVariant(t.app, 'optimized', `/products?limit=100&cursor=${foreign}`, { token: tokenFor(b) });
    const ids = res.body.items.map((p: { id: number }) => p.id);
    const [row] = await t.deps.sql<{ n: string }[]>`SELECT count(*) AS n FROM products WHERE id = ANY(${ids}) AND tenant_id <> ${b.id}`;
    expect(Number(row?.n)).toBe(0);
    expect(res.body.total).toBe(b.products);
  });

  const huge = 'y'.repeat(10_000);
  const badInputs: [string, string, RegExp][] = [
    ['both', 'page=0', /page must be at least 1/],
    ['both', 'page=-3', /page must be at least 1/],
    ['both', 'page=abc', /page/],
    ['both', 'page=1e7', /page must be an integer/],
    ['both', 'page=10000000', /page must be at most/],
    ['both', `page=${huge}`, /page/],
    ['both', "page=2%27%20OR%201=1", /page/],
    ['both', 'limit=0', /limit must be at least 1/],
    ['both', 'limit=500', /limit must be at most 100/],
    ['both', `cursor=${huge}`, /malformed cursor/],
    ['both', 'cursor=%00%01', /malformed cursor/],
    ['both', `page=2&cursor=${encodeCursor({ createdAt: '2025-01-01T00:00:00.000Z', id: 1 })}`, /either page or cursor/],
    ['naive', `cursor=${encodeCursor({ createdAt: '2025-01-01T00:00:00.000Z', id: 1 })}`, /naive variant pages with \?page=N/],
    ['optimized', 'page=2', /optimized variant pages with \?cursor=/],
  ];
  it.each(badInputs.map(([v, q, m]) => [v, q.length > 60 ? `${q.slice(0, 20)}…` : q, q, m] as const))('%s: rejects ?%s with a 400', async (variants, _label, query, message) => {
    for (const variant of variants === 'both' ? (['naive', 'optimized'] as const) : [variants as 'naive' | 'optimized']) {
      const res = await requestVariant(t.app, variant, `/products?${query}`, { token: tokenFor(tenants[0]!) });
      expect(res.status, variant).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });
});

describe('products-deep-page with Redis dying mid-run', () => {
  const bin = which('redis-server');
  it.skipIf(requireOrSkip('redis-server', bin !== null))('still answers 200 from the database and counts the cache errors', async () => {
    const redis = await spawnRedisServer(bin!);
    const own = await createTestApp({ redisUrl: redis.url });
    try {
      const token = tokenFor(await tenantAt(0));
      expect((await requestVariant(own.app, 'optimized', '/products?limit=5', { token })).status).toBe(200);
      await redis.stop();
      const res = await requestVariant(own.app, 'optimized', '/products?limit=5', { token });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(5);
      expect(res.headers.get('server-timing')).toContain('cache;desc="error"');
      const stats = own.stats.snapshot().comparisons['products-deep-page']?.optimized;
      expect(stats?.status).toEqual({ '200': 2 });
      expect(stats?.cache.errors).toBe(2);
      // ready = can serve: the cache is optional, so it is reported degraded, not unready
      expect((await own.app.request('/ready')).status).toBe(200);
    } finally {
      await own.close();
      await redis.stop();
    }
  });
});
