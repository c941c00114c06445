import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createTestApp, requestBoth, seededRandom, testFixtures, tokenFor } from '../test-support/index.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let tenants: TenantFixtures[];

beforeAll(async () => {
  t = await createTestApp();
  tenants = (await testFixtures()).tenants;
});
afterAll(() => t.close());

async function pendingIds(tenantId: number): Promise<number[]> {
  const rows = await t.deps.sql<{ id: number }[]>`
    SELECT id FROM orders WHERE tenant_id = ${tenantId} AND status = 'pending' ORDER BY created_at DESC, id DESC`;
  return rows.map((r) => r.id);
}

/** The plan of the comparison's SELECT with index access on or off, as the variants set it. */
async function plan(indexes: 'on' | 'off', tenantId: number): Promise<string> {
  return t.deps.sql.begin(async (tx) => {
    await tx`SELECT set_config('enable_indexscan', ${indexes}, true), set_config('enable_indexonlyscan', ${indexes}, true), set_config('enable_bitmapscan', ${indexes}, true)`;
    const rows = await tx.unsafe(`EXPLAIN SELECT id FROM orders WHERE tenant_id = ${Number(tenantId)} AND status = 'pending' ORDER BY created_at DESC, id DESC LIMIT 50`);
    return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
  });
}

describe('missing-index', () => {
  it('the seeded data holds pending orders for the main tenant (else the comparison shows nothing)', async () => {
    expect((await pendingIds(tenants[0]!.id)).length).toBeGreaterThan(0);
  });

  it('gives byte-equal JSON from both variants over 20 seeded random tenants and limits', async () => {
    const random = seededRandom(13);
    for (let i = 0; i < 20; i++) {
      const tenant = tenants[Math.floor(random() * tenants.length)]!;
      const limit = 1 + Math.floor(random() * 100);
      const { naive, optimized } = await requestBoth(t.app, `/orders/pending?limit=${limit}`, { token: tokenFor(tenant) });
      expect(naive.status).toBe(200);
      expect(optimized.text).toBe(naive.text);
      expect(naive.body.items.map((o: { id: number }) => o.id)).toEqual((await pendingIds(tenant.id)).slice(0, limit));
    }
  });

  it('sends the same 4 statements on both sides: only the plan differs', async () => {
    for (const limit of [1, 50, 100]) {
      const { naive, optimized } = await requestBoth(t.app, `/orders/pending?limit=${limit}`, { token: tokenFor(tenants[0]!) });
      expect([naive.queryCount, optimized.queryCount]).toEqual([4, 4]);
    }
  });

  it('plans a sequential scan without index access and the partial index with it', async () => {
    const id = tenants[0]!.id;
    const without = await plan('off', id);
    const withIndex = await plan('on', id);
    expect(without).toMatch(/Seq Scan on orders/);
    expect(without).not.toMatch(/Index/);
    expect(withIndex).toMatch(/orders_pending_tenant_created_idx/);
  });

  it("only ever shows the caller's tenant", async () => {
    const tenant = tenants[1]!;
    const { naive, optimized } = await requestBoth(t.app, '/orders/pending?limit=100', { token: tokenFor(tenant) });
    expect(optimized.text).toBe(naive.text);
    expect(naive.body.items.map((o: { id: number }) => o.id)).toEqual((await pendingIds(tenant.id)).slice(0, 100));
  });

  it('rejects a bad limit with a 400 on both variants, and strangers with a 401', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc']) {
      const { naive, optimized } = await requestBoth(t.app, `/orders/pending?${query}`, { token: tokenFor(tenants[0]!) });
      expect([naive.status, optimized.status]).toEqual([400, 400]);
      expect(naive.body.error.code).toBe('invalid_input');
    }
    const { naive, optimized } = await requestBoth(t.app, '/orders/pending', { token: 'x' });
    expect([naive.status, optimized.status]).toEqual([401, 401]);
  });
});
