import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { encodeCursor } from '../lib/cursor.ts';
import { createTestApp, requestBoth, requestVariant, seededRandom, tenantAt, testFixtures, tokenFor } from '../test-support/index.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let tenants: TenantFixtures[];

beforeAll(async () => {
  t = await createTestApp();
  tenants = (await testFixtures()).tenants;
});
afterAll(() => t.close());

/** The tenant's orders newest first, as (createdAt, id) keys. */
async function orderKeys(tenantId: number): Promise<{ id: number; createdAt: string }[]> {
  const rows = await t.deps.sql<{ id: number; createdAt: string }[]>`
    SELECT id, created_at AS "createdAt" FROM orders WHERE tenant_id = ${tenantId} ORDER BY created_at DESC, id DESC`;
  return rows.map((r) => ({ id: r.id, createdAt: new Date(String(r.createdAt).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString() }));
}

async function linesOf(orderIds: number[]): Promise<number> {
  const [row] = await t.deps.sql<{ n: string }[]>`SELECT count(*) AS n FROM order_items WHERE order_id = ANY(${orderIds})`;
  return Number(row?.n ?? 0);
}

describe('orders-with-items', () => {
  it('gives byte-equal JSON from both variants over 24 seeded random pages', async () => {
    const random = seededRandom(3);
    for (let i = 0; i < 24; i++) {
      const tenant = tenants[Math.floor(random() * tenants.length)]!;
      const keys = await orderKeys(tenant.id);
      const limit = 1 + Math.floor(random() * 100);
      const from = i % 3 === 0 ? undefined : keys[Math.floor(random() * keys.length)];
      const query = `/orders?limit=${limit}${from ? `&cursor=${encodeCursor(from)}` : ''}`;
      const { naive, optimized } = await requestBoth(t.app, query, { token: tokenFor(tenant) });
      expect(naive.status, query).toBe(200);
      expect(optimized.text, query).toBe(naive.text);
      const start = from ? keys.findIndex((k) => k.id === from.id) + 1 : 0;
      expect(naive.body.items.map((o: { id: number }) => o.id)).toEqual(keys.slice(start, start + limit).map((k) => k.id));
    }
  });

  it('walks every order of a tenant exactly once through nextCursor', async () => {
    const tenant = await tenantAt(0);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await requestVariant(t.app, 'optimized', `/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: tokenFor(tenant) });
      seen.push(...res.body.items.map((o: { id: number }) => o.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await orderKeys(tenant.id)).map((k) => k.id));
  });

  it('costs the naive side 1 + 2N + (lines) queries and the optimized side 1, at any page size', async () => {
    const tenant = await tenantAt(0);
    for (const limit of [1, 7, 50, 100]) {
      const { naive, optimized } = await requestBoth(t.app, `/orders?limit=${limit}`, { token: tokenFor(tenant) });
      const ids = naive.body.items.map((o: { id: number }) => o.id);
      expect(ids).toHaveLength(limit);
      expect(naive.queryCount, `limit ${limit}`).toBe(1 + 2 * limit + (await linesOf(ids)));
      expect(optimized.queryCount, `limit ${limit}`).toBe(1);
      expect(naive.headers.get('server-timing')).toContain(`desc="${naive.queryCount} queries"`);
    }
  });

  it("only ever shows the caller's tenant, whatever the cursor", async () => {
    const [a, b] = [await tenantAt(0), await tenantAt(1)];
    const foreign = (await orderKeys(a.id))[5]!;
    for (const query of ['/orders?limit=100', `/orders?limit=100&cursor=${encodeCursor(foreign)}`]) {
      const { naive, optimized } = await requestBoth(t.app, query, { token: tokenFor(b) });
      expect(optimized.text).toBe(naive.text);
      const ids = naive.body.items.map((o: { id: number }) => o.id);
      const [row] = await t.deps.sql<{ n: string }[]>`SELECT count(*) AS n FROM orders WHERE id = ANY(${ids}) AND tenant_id <> ${b.id}`;
      expect(Number(row?.n)).toBe(0);
    }
  });

  it('answers 401 without a valid token on both variants', async () => {
    const { naive, optimized } = await requestBoth(t.app, '/orders', { token: 'not.a.jwt' });
    expect([naive.status, optimized.status]).toEqual([401, 401]);
  });

  const huge = 'x'.repeat(10_000);
  const badInputs: [string, RegExp][] = [
    ['limit=0', /limit must be at least 1/],
    ['limit=-5', /limit must be at least 1/],
    ['limit=101', /limit must be at most 100/],
    ['limit=1.5', /limit must be an integer/],
    ['limit=abc', /limit/],
    ['limit=1e309', /limit/],
    ['limit=99999999999999999999999', /limit must be/],
    [`limit=${huge}`, /limit/],
    ["limit=1;DROP TABLE orders;--", /limit/],
    ['cursor=%27%20OR%201%3D1--', /malformed cursor/],
    [`cursor=${huge}`, /malformed cursor/],
    [`cursor=${Buffer.from('{"a":1}').toString('base64url')}`, /malformed cursor/],
    [`cursor=${encodeCursor({ createdAt: '2025-01-01T00:00:00.000Z', id: 2 ** 40 })}`, /malformed cursor/],
    [`cursor=${encodeCursor({ createdAt: "2025'; DROP TABLE orders;--", id: 1 })}`, /malformed cursor/],
  ];
  it.each(badInputs.map(([q, m]) => [q.length > 60 ? `${q.slice(0, 20)}…(${q.length} chars)` : q, q, m] as const))('rejects ?%s with a precise 400 on both variants', async (_label, query, message) => {
    const { naive, optimized } = await requestBoth(t.app, `/orders?${query}`, { token: tokenFor(tenants[0]!) });
    for (const res of [naive, optimized]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message).toMatch(message);
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
