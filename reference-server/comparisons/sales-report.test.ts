import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import { createTestApp, requestBoth, seededRandom, testFixtures, tokenFor } from '../test-support/index.ts';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const report = (from: string, to: string, groupBy?: string) => `/reports/sales?from=${from}&to=${to}${groupBy ? `&groupBy=${groupBy}` : ''}`;

describe('sales-report', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let fx: Fixtures;
  let sql: postgres.Sql;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await testFixtures();
    sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  /** Totals computed straight in SQL, independently of both variants. */
  async function expectedTotals(tenantId: number, from: string, to: string) {
    const [row] = await sql<{ orders: number; revenue: string; items: string }[]>`
      SELECT count(*)::int AS orders, coalesce(sum(total_cents), 0)::text AS revenue,
        coalesce((SELECT sum(quantity) FROM order_items WHERE order_id IN (SELECT id FROM orders
          WHERE tenant_id = ${tenantId} AND created_at >= ${from}::date AND created_at < ${to}::date + 1)), 0)::text AS items
      FROM orders WHERE tenant_id = ${tenantId} AND created_at >= ${from}::date AND created_at < ${to}::date + 1`;
    return { orders: row!.orders, revenueCents: Number(row!.revenue), items: Number(row!.items) };
  }

  it('answers byte-equal JSON from both variants, with the right totals, for 24 seeded ranges', async () => {
    const random = seededRandom(6101);
    for (let i = 0; i < 24; i++) {
      const tenant = fx.tenants[Math.floor(random() * fx.tenants.length)]!;
      const first = Date.parse(tenant.orderDates.from) - 30 * DAY_MS;
      const last = Date.parse(tenant.orderDates.to);
      const fromMs = first + Math.floor(random() * (last - first));
      const from = day(fromMs);
      const to = day(fromMs + Math.floor(random() * 900) * DAY_MS);
      const groupBy = random() < 0.5 ? 'day' : 'month';
      const { naive, optimized } = await requestBoth(t.app, report(from, to, groupBy), { token: tokenFor(tenant) });
      expect(naive.status, naive.text).toBe(200);
      expect(optimized.text, `${from}..${to} by ${groupBy}`).toBe(naive.text);
      const body = naive.body as { totals: object; series: { period: string; orders: number }[]; byStatus: Record<string, { orders: number }> };
      expect(body.totals).toEqual(await expectedTotals(tenant.id, from, to));
      const seriesOrders = body.series.reduce((n, p) => n + p.orders, 0);
      expect(seriesOrders).toBe((body.totals as { orders: number }).orders);
      expect(Object.values(body.byStatus).reduce((n, s) => n + s.orders, 0)).toBe(seriesOrders);
      for (const point of body.series) {
        expect(point.period).toMatch(groupBy === 'day' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/);
        expect(point.period >= from.slice(0, point.period.length) && point.period <= to.slice(0, point.period.length)).toBe(true);
      }
    }
  });

  it('runs 2 queries on the naive side and 1 on the optimized side for any range', async () => {
    const tenant = fx.tenants[0]!;
    const to = tenant.orderDates.to.slice(0, 10);
    for (const from of [to, day(Date.parse(to) - 90 * DAY_MS), day(Date.parse(to) - 1000 * DAY_MS)]) {
      const { naive, optimized } = await requestBoth(t.app, report(from, to, 'month'), { token: tokenFor(tenant) });
      expect(naive.queryCount).toBe(2);
      expect(optimized.queryCount).toBe(1);
    }
  });

  it('counts only the caller’s tenant and emits every status, even empty ones', async () => {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM orders`;
    let sum = 0;
    for (const tenant of fx.tenants) {
      const { naive, optimized } = await requestBoth(t.app, report('2024-01-01', '2026-12-31', 'month'), { token: tokenFor(tenant) });
      expect(optimized.text).toBe(naive.text);
      expect(naive.body.totals.orders).toBe(tenant.orders);
      sum += naive.body.totals.orders as number;
    }
    expect(sum).toBe(row!.n);
    const empty = await requestBoth(t.app, report('1999-01-01', '1999-12-31'), { token: tokenFor(fx.tenants[0]!) });
    expect(empty.naive.body.series).toEqual([]);
    expect(Object.keys(empty.naive.body.byStatus)).toEqual(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']);
    expect(empty.optimized.text).toBe(empty.naive.text);
  });

  it.each([
    ['missing from', '/reports/sales?to=2025-01-01'],
    ['missing to', '/reports/sales?from=2025-01-01'],
    ['from after to', report('2025-03-02', '2025-03-01')],
    ['range over 3 years', report('2022-01-01', '2025-01-01')],
    ['impossible date', report('2025-02-30', '2025-03-01')],
    ['month 13', report('2025-13-01', '2025-12-01')],
    ['not a date', report('yesterday', '2025-01-01')],
    ['timestamp instead of date', report('2025-01-01T00:00:00Z', '2025-01-02')],
    ['year 0000', report('0000-01-01', '0000-12-31')],
    ['year 9999', report('9999-12-31', '9999-12-31')],
    ['unknown groupBy', report('2025-01-01', '2025-02-01', 'week')],
    ['SQL in groupBy', report('2025-01-01', '2025-02-01', encodeURIComponent(`day';--`))],
    ['10k-char from', report('2'.repeat(10_000), '2025-01-01')],
  ])('rejects %s with 400 on both variants', async (_name, path) => {
    const { naive, optimized } = await requestBoth(t.app, path, { token: tokenFor(fx.tenants[0]!) });
    expect(naive.status, naive.text).toBe(400);
    expect(optimized.status).toBe(400);
    expect(optimized.text).toBe(naive.text);
  });

  it('accepts exactly 3 years (both dates inclusive)', async () => {
    const { naive, optimized } = await requestBoth(t.app, report('2024-01-01', '2026-12-31', 'month'), { token: tokenFor(fx.tenants[1]!) });
    expect(naive.status).toBe(200);
    expect(optimized.text).toBe(naive.text);
  });
});
