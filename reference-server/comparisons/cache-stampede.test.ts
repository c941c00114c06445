import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownRedisDb } from '../test-support/own-redis-db.ts';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createTestApp, requestBoth, requestVariant, testFixtures, tokenFor } from '../test-support/index.ts';
import { loadTopProducts, topProductsKey } from './cache-stampede.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let tenants: TenantFixtures[];

beforeAll(async () => {
  t = await createTestApp({ redisUrl: ownRedisDb('cache-stampede') });
  tenants = (await testFixtures()).tenants;
});
afterAll(() => t.close());

const K = 12;

/** K concurrent requests at a cold key; the database loads they ran (each load is 1 statement). */
async function herd(variant: 'naive' | 'optimized', tenant: TenantFixtures, limit: number): Promise<{ loads: number; texts: string[] }> {
  await t.deps.cache.del(topProductsKey(tenant.id, limit));
  const answers = await Promise.all(Array.from({ length: K }, () => requestVariant(t.app, variant, `/reports/top-products?limit=${limit}`, { token: tokenFor(tenant) })));
  for (const a of answers) expect(a.status).toBe(200);
  return { loads: answers.reduce((n, a) => n + a.queryCount, 0), texts: answers.map((a) => a.text) };
}

describe('cache-stampede', () => {
  it('gives byte-equal JSON from both variants, cold or warm, equal to the aggregate', async () => {
    for (const [i, tenant] of tenants.entries()) {
      const limit = 1 + ((i * 7) % 50);
      await t.deps.cache.del(topProductsKey(tenant.id, limit));
      const cold = await requestBoth(t.app, `/reports/top-products?limit=${limit}`, { token: tokenFor(tenant) });
      const warm = await requestBoth(t.app, `/reports/top-products?limit=${limit}`, { token: tokenFor(tenant) });
      expect(cold.optimized.text).toBe(cold.naive.text);
      expect(warm.naive.text).toBe(cold.naive.text);
      expect(warm.optimized.text).toBe(cold.naive.text);
      expect(cold.naive.body.items).toEqual(await loadTopProducts(t.deps.sql, tenant.id, limit));
    }
  });

  it(`loads a cold key once per concurrent request on the naive side (${K} requests, ${K} loads) and once in all on the optimized side`, async () => {
    const tenant = tenants[0]!;
    const naive = await herd('naive', tenant, 10);
    const optimized = await herd('optimized', tenant, 10);
    expect(naive.loads).toBe(K);
    expect(optimized.loads).toBe(1);
    expect(new Set([...naive.texts, ...optimized.texts]).size).toBe(1);
  });

  it('serves a warm key without a query on both sides', async () => {
    const tenant = tenants[0]!;
    await requestVariant(t.app, 'optimized', '/reports/top-products?limit=5', { token: tokenFor(tenant) });
    const { naive, optimized } = await requestBoth(t.app, '/reports/top-products?limit=5', { token: tokenFor(tenant) });
    expect([naive.queryCount, optimized.queryCount]).toEqual([0, 0]);
  });

  it("keys by tenant: a tenant never sees another's best sellers", async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    await requestVariant(t.app, 'optimized', '/reports/top-products?limit=10', { token: tokenFor(a) });
    const { naive, optimized } = await requestBoth(t.app, '/reports/top-products?limit=10', { token: tokenFor(b) });
    expect(optimized.text).toBe(naive.text);
    const ids = naive.body.items.map((p: { id: number }) => p.id);
    const [row] = await t.deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM products WHERE id = ANY(${ids}) AND tenant_id <> ${b.id}`;
    expect(row!.n).toBe(0);
  });

  it('rejects a bad limit with a 400 on both variants', async () => {
    for (const query of ['limit=0', 'limit=51', 'limit=x']) {
      const { naive, optimized } = await requestBoth(t.app, `/reports/top-products?${query}`, { token: tokenFor(tenants[0]!) });
      expect([naive.status, optimized.status]).toEqual([400, 400]);
    }
  });
});
