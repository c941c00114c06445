import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import { createApp } from '../app.ts';
import type { App } from './types.ts';
import { countedSql } from '../db/counted-sql.ts';
import { createTestApp, requestBoth, requestVariant, seededRandom, testFixtures, tokenFor } from '../test-support/index.ts';

describe('connection-per-request', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let fx: Fixtures;
  let admin: postgres.Sql;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await testFixtures();
    admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin.end();
    await t.close();
  });

  it('answers byte-equal JSON from both variants for 24 seeded customers, with SQL-checked figures', async () => {
    const random = seededRandom(7001);
    for (let i = 0; i < 24; i++) {
      const tenant = fx.tenants[Math.floor(random() * fx.tenants.length)]!;
      const id = tenant.customerIds[Math.floor(random() * tenant.customerIds.length)]!;
      const { naive, optimized } = await requestBoth(t.app, `/customers/${id}`, { token: tokenFor(tenant) });
      expect(naive.status, naive.text).toBe(200);
      expect(optimized.text).toBe(naive.text);
      const [row] = await admin<{ orders: number; lifetime: string }[]>`
        SELECT count(*)::int AS orders, coalesce(sum(total_cents), 0)::text AS lifetime FROM orders WHERE customer_id = ${id}`;
      expect(naive.body).toMatchObject({ id, orders: row!.orders, lifetimeCents: Number(row!.lifetime) });
      expect(Object.keys(naive.body)).toEqual(['id', 'name', 'email', 'orders', 'lifetimeCents']);
    }
  });

  it('runs the same 1 query on either side; the new connection adds postgres.js\'s pg_type lookup', async () => {
    const tenant = fx.tenants[0]!;
    for (const id of tenant.customerIds.slice(0, 5)) {
      const { naive, optimized } = await requestBoth(t.app, `/customers/${id}`, { token: tokenFor(tenant) });
      expect([naive.queryCount, optimized.queryCount]).toEqual([2, 1]);
    }
  });

  it('answers 404 for another tenant’s customer and for ids that do not exist, on both variants', async () => {
    const [a, b] = [fx.tenants[0]!, fx.tenants[1]!];
    for (const id of [b.customerIds[0]!, 2_147_483_647]) {
      const { naive, optimized } = await requestBoth(t.app, `/customers/${id}`, { token: tokenFor(a) });
      expect([naive.status, optimized.status]).toEqual([404, 404]);
      expect(naive.body.error.code).toBe('not_found');
      expect(optimized.text).toBe(naive.text);
    }
  });

  it.each([['0'], ['-1'], ['abc'], ['1.5'], ['1e3'], ['2147483648'], ['99999999999999999999'], ['9'.repeat(10_000)], [encodeURIComponent(`1' OR '1'='1`)], [encodeURIComponent('1;--')]])(
    'rejects id %s with 400 on both variants',
    async (id) => {
      const { naive, optimized } = await requestBoth(t.app, `/customers/${id}`, { token: tokenFor(fx.tenants[0]!) });
      expect([naive.status, optimized.status], naive.text).toEqual([400, 400]);
      expect(optimized.text).toBe(naive.text);
    },
  );

  describe('connections, observed in pg_stat_activity', () => {
    // Both clients carry their own application_name, so other test files' connections never count.
    const tag = `perflab-conn-test-${process.pid}`;
    let app: App;
    let pool: postgres.Sql;
    const backends = async (name: string) =>
      (await admin<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE application_name = ${name} ORDER BY pid`).map((r) => r.pid);
    const naivePids: number[] = [];

    beforeAll(() => {
      const url = inject('databaseUrl');
      pool = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: `${tag}-pool` } });
      const connect = () => {
        const sql = countedSql(postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: `${tag}-naive` } }));
        // records which backend served the request just before the variant closes it
        return new Proxy(sql, {
          get: (target, prop, receiver) =>
            prop === 'end'
              ? async (options?: { timeout?: number }) => {
                  naivePids.push(...(await backends(`${tag}-naive`)));
                  return target.end(options);
                }
              : Reflect.get(target, prop, receiver),
        });
      };
      app = createApp({ ...t.deps, sql: countedSql(pool), connect });
    });
    afterAll(() => pool.end());

    async function waitForNoBackends(name: string): Promise<number[]> {
      let pids = await backends(name);
      // the backend exits just after the client's socket closes
      for (let i = 0; i < 100 && pids.length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        pids = await backends(name);
      }
      return pids;
    }

    it('naive opens a new backend for every request and closes it afterwards', async () => {
      const tenant = fx.tenants[0]!;
      const id = tenant.customerIds[0]!;
      expect(await backends(`${tag}-naive`)).toEqual([]);
      for (let i = 0; i < 3; i++) {
        const res = await requestVariant(app, 'naive', `/customers/${id}`, { token: tokenFor(tenant) });
        expect(res.status).toBe(200);
        expect(naivePids).toHaveLength(i + 1);
        expect(await waitForNoBackends(`${tag}-naive`)).toEqual([]);
      }
      expect(new Set(naivePids).size).toBe(3);
      // a failing request (404) closes its connection too
      expect((await requestVariant(app, 'naive', '/customers/2147483647', { token: tokenFor(tenant) })).status).toBe(404);
      expect(await waitForNoBackends(`${tag}-naive`)).toEqual([]);
    });

    it('optimized reuses the pool’s backends and leaves them open', async () => {
      const tenant = fx.tenants[0]!;
      const ids = tenant.customerIds.slice(0, 10);
      expect((await requestVariant(app, 'optimized', `/customers/${ids[0]}`, { token: tokenFor(tenant) })).status).toBe(200);
      const first = await backends(`${tag}-pool`);
      expect(first).toHaveLength(1);
      for (const id of ids) expect((await requestVariant(app, 'optimized', `/customers/${id}`, { token: tokenFor(tenant) })).status).toBe(200);
      expect(await backends(`${tag}-pool`)).toEqual(first);
      expect(await backends(`${tag}-naive`)).toEqual([]);
    });
  });
});
