import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createTestApp, requestBoth, requestVariant, seededRandom, tenantAt, tokenFor } from '../test-support/index.ts';
import { TENANT_ROLE } from './row-level-security.ts';

let server: Awaited<ReturnType<typeof createTestApp>>;
let a: TenantFixtures;
let b: TenantFixtures;
beforeAll(async () => {
  server = await createTestApp();
  [a, b] = [await tenantAt(0), await tenantAt(1)];
});
afterAll(() => server?.close());

const ordersOf = (tenant: TenantFixtures, id: number, limit = 10) => requestBoth(server.app, `/customers/${id}/orders?limit=${limit}`, { token: tokenFor(tenant) });

/** What the caller's tenant owns, read by the API's login (RLS does not apply to it). */
async function truth(tenantId: number, customerId: number, limit: number) {
  const orders = await server.deps.sql<{ id: number; lines: number }[]>`
    SELECT o.id, (SELECT count(*)::int FROM order_items i WHERE i.order_id = o.id) AS lines
    FROM orders o WHERE o.tenant_id = ${tenantId} AND o.customer_id = ${customerId} ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit}`;
  return orders.map((o) => [o.id, o.lines]);
}

describe('row-level-security', () => {
  it('answers byte-equal JSON from both sides, the rows the tenant owns: 4 statements with RLS, 1 with the WHERE', async () => {
    const random = seededRandom(13);
    for (let i = 0; i < 24; i++) {
      const tenant = i % 2 ? b : a;
      const id = tenant.customerIds[Math.floor(random() * tenant.customerIds.length)]!;
      const limit = 1 + Math.floor(random() * 20);
      const { naive, optimized } = await ordersOf(tenant, id, limit);
      expect([naive.status, optimized.status], `customer ${id}`).toEqual([200, 200]);
      expect(optimized.text).toBe(naive.text);
      expect([naive.queryCount, optimized.queryCount]).toEqual([4, 1]);
      expect(naive.body.customer.id).toBe(id);
      expect(naive.body.orders.map((o: any) => [o.id, o.items.length])).toEqual(await truth(tenant.id, id, limit));
    }
  });

  it('leaks nothing across tenants: every probe of another tenant\'s customers is a 404 on both sides', async () => {
    for (const [caller, owner] of [[a, b], [b, a]] as const) {
      for (const id of owner.customerIds.slice(0, 20)) {
        const { naive, optimized } = await ordersOf(caller, id);
        expect([naive.status, optimized.status], `tenant ${caller.id} asking for customer ${id} of tenant ${owner.id}`).toEqual([404, 404]);
        expect(optimized.text).toBe(naive.text);
      }
    }
  });

  it('the policies alone hide every other tenant\'s rows, and every row when no tenant is set', async () => {
    const seen = await server.deps.sql.begin(async (tx) => {
      await tx`SELECT set_config('role', ${TENANT_ROLE}, true), set_config('app.tenant_id', ${String(a.id)}, true)`;
      const [row] = await tx<{ customers: number; orders: number; lines: number; others: number }[]>`
        SELECT (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM orders) AS orders,
          (SELECT count(*)::int FROM order_items) AS lines,
          (SELECT count(*)::int FROM orders WHERE tenant_id <> ${a.id}) + (SELECT count(*)::int FROM customers WHERE tenant_id <> ${a.id}) AS others`;
      return row!;
    });
    const [owned] = await server.deps.sql<{ customers: number; orders: number; lines: number }[]>`
      SELECT (SELECT count(*)::int FROM customers WHERE tenant_id = ${a.id}) AS customers, (SELECT count(*)::int FROM orders WHERE tenant_id = ${a.id}) AS orders,
        (SELECT count(*)::int FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.tenant_id = ${a.id}) AS lines`;
    expect(seen).toEqual({ ...owned, others: 0 });
    expect(owned!.orders).toBeGreaterThan(0);
    const unset = await server.deps.sql.begin(async (tx) => {
      await tx`SELECT set_config('role', ${TENANT_ROLE}, true)`;
      return tx<{ n: number }[]>`SELECT (SELECT count(*)::int FROM customers) + (SELECT count(*)::int FROM orders) + (SELECT count(*)::int FROM order_items) AS n`;
    });
    expect(unset[0]!.n).toBe(0);
  });

  it('hands every pooled connection back as the API login with no tenant set', async () => {
    for (let i = 0; i < 16; i++) await requestVariant(server.app, 'naive', `/customers/${a.customerIds[i % a.customerIds.length]}/orders`, { token: tokenFor(a) });
    const [login] = await server.deps.sql<{ user: string }[]>`SELECT session_user AS user`;
    const states = await Promise.all(
      Array.from({ length: server.deps.config.dbPoolMax }, () => server.deps.sql<{ user: string; tenant: string | null }[]>`SELECT current_user AS user, nullif(current_setting('app.tenant_id', true), '') AS tenant, pg_sleep(0.05)`),
    );
    expect(states.map(([s]) => ({ user: s!.user, tenant: s!.tenant }))).toEqual(states.map(() => ({ user: login!.user, tenant: null })));
  });

  it('refuses a bad id or limit (400) and strangers (401) on both sides', async () => {
    for (const path of ['/customers/0/orders', '/customers/1/orders?limit=0', '/customers/1/orders?limit=51']) {
      const { naive, optimized } = await requestBoth(server.app, path, { token: tokenFor(a) });
      expect([naive.status, optimized.status], path).toEqual([400, 400]);
    }
    const { naive, optimized } = await requestBoth(server.app, `/customers/${a.customerIds[0]}/orders`);
    expect([naive.status, optimized.status]).toEqual([401, 401]);
  });
});
