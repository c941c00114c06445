import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createTestApp, requestBoth, seededRandom, testFixtures, tokenFor } from '../test-support/index.ts';
import { ORDER_FIELDS, everyColumn, requestedColumns } from './over-fetch.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let tenants: TenantFixtures[];

beforeAll(async () => {
  t = await createTestApp();
  tenants = (await testFixtures()).tenants;
});
afterAll(() => t.close());

const list = (fields: string, limit = 20) => `/orders/list?limit=${limit}&fields=${fields}`;

describe('over-fetch', () => {
  it('gives byte-equal JSON from both variants over 24 seeded random field sets, limits and tenants', async () => {
    const random = seededRandom(17);
    for (let i = 0; i < 24; i++) {
      const tenant = tenants[Math.floor(random() * tenants.length)]!;
      const fields = ORDER_FIELDS.filter(() => random() < 0.5);
      const asked = (fields.length ? fields : ['items']).slice().reverse().join(',');
      const limit = 1 + Math.floor(random() * 100);
      const { naive, optimized } = await requestBoth(t.app, list(asked, limit), { token: tokenFor(tenant) });
      expect(naive.status, asked).toBe(200);
      expect(optimized.text, asked).toBe(naive.text);
      for (const order of naive.body.items) expect(Object.keys(order)).toEqual(ORDER_FIELDS.filter((f) => asked.split(',').includes(f)));
    }
  });

  it('answers exactly the requested fields with the right values (checked against the tables)', async () => {
    const tenant = tenants[0]!;
    const { optimized } = await requestBoth(t.app, list('customer,items,id', 5), { token: tokenFor(tenant) });
    const [first] = optimized.body.items;
    const [order] = await t.deps.sql<{ id: number; customer_id: number }[]>`
      SELECT id, customer_id FROM orders WHERE tenant_id = ${tenant.id} ORDER BY created_at DESC, id DESC LIMIT 1`;
    expect(first.id).toBe(order!.id);
    expect(first.customer.id).toBe(order!.customer_id);
    const [lines] = await t.deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM order_items WHERE order_id = ${order!.id}`;
    expect(first.items).toHaveLength(lines!.n);
    expect(Object.keys(first.items[0] ?? { productId: 0, quantity: 0, unitPriceCents: 0, productName: '' })).toEqual(['productId', 'quantity', 'unitPriceCents', 'productName']);
  });

  it('sends 1 statement on both sides, whatever the fields', async () => {
    for (const fields of ['id', 'id,status,totalCents,createdAt', ORDER_FIELDS.join(',')]) {
      const { naive, optimized } = await requestBoth(t.app, list(fields), { token: tokenFor(tenants[0]!) });
      expect([naive.queryCount, optimized.queryCount], fields).toEqual([1, 1]);
    }
  });

  it('ships far more data from the database on the naive side for the list fields (response bytes equal by parity)', async () => {
    const tenant = tenants[0]!;
    const { naive, optimized } = await requestBoth(t.app, list('id,status', 50), { token: tokenFor(tenant) });
    expect(optimized.text).toBe(naive.text);
    const full = JSON.stringify(await everyColumn(t.deps.sql, tenant.id, 50)).length;
    const slim = JSON.stringify(await requestedColumns(t.deps.sql, tenant.id, 50, ['id', 'status'])).length;
    expect(full).toBeGreaterThan(10 * slim);
  });

  it("only ever shows the caller's tenant", async () => {
    const tenant = tenants[2]!;
    const { naive, optimized } = await requestBoth(t.app, list('id', 100), { token: tokenFor(tenant) });
    expect(optimized.text).toBe(naive.text);
    const ids = naive.body.items.map((o: { id: number }) => o.id);
    const [row] = await t.deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM orders WHERE id = ANY(${ids}) AND tenant_id <> ${tenant.id}`;
    expect(row!.n).toBe(0);
  });

  it('rejects unknown fields and bad limits with a 400 naming the problem, on both variants', async () => {
    for (const [query, message] of [['fields=id,password', /unknown field 'password'/], ['fields=id;DROP', /unknown field/], ['limit=0', /limit/]] as const) {
      const { naive, optimized } = await requestBoth(t.app, `/orders/list?${query}`, { token: tokenFor(tenants[0]!) });
      for (const res of [naive, optimized]) {
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
    }
  });
});
