import { and, eq, gte, lt } from 'drizzle-orm';
import { z } from 'zod';
import { orderItems, orders, orderStatus } from '../db/schema.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

type Status = (typeof orderStatus.enumValues)[number];
const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` calendar date (UTC midnight), years 1970..9000. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .transform((text, ctx) => {
    const date = new Date(`${text}T00:00:00.000Z`);
    // rejects 2025-02-30 (Date rolls it over) and years the API does not serve
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9000) {
      ctx.addIssue({ code: 'custom', message: 'must be a real calendar date between 1970 and 9000' });
      return z.NEVER;
    }
    return date;
  });

/** `GET /reports/sales?from&to&groupBy=day|month`: both dates inclusive (UTC), at most 3 years apart. */
export const input = z
  .object({
    query: z.object({ from: isoDate, to: isoDate, groupBy: z.enum(['day', 'month']).default('day') }),
  })
  .transform(({ query }) => ({ from: query.from, end: new Date(query.to.getTime() + DAY_MS), groupBy: query.groupBy }))
  .refine(({ from, end }) => from < end, { message: 'from must not be after to', path: ['query', 'from'] })
  .refine(({ from, end }) => end <= addYears(from, 3), { message: 'range must not exceed 3 years', path: ['query', 'to'] });

/** Orders created in [from, end), grouped by UTC day or month. */
export type Input = z.infer<typeof input>;

export interface SalesReport {
  totals: { orders: number; revenueCents: number; items: number };
  byStatus: Record<Status, { orders: number; revenueCents: number }>;
  series: { period: string; orders: number; revenueCents: number }[];
}

/** 2 queries returning every order and order item in range (tens of thousands of rows), then reduced in JS. */
export async function naive({ db, principal }: Ctx, { from, end, groupBy }: Input): Promise<Reply> {
  const inRange = and(eq(orders.tenantId, principal.tenantId), gte(orders.createdAt, from), lt(orders.createdAt, end));
  const allOrders = await db.select().from(orders).where(inRange);
  const allItems = await db
    .select({ orderId: orderItems.orderId, quantity: orderItems.quantity })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(inRange);

  const report = emptyReport();
  const series = new Map<string, { period: string; orders: number; revenueCents: number }>();
  for (const order of allOrders) {
    report.totals.orders += 1;
    report.totals.revenueCents += order.totalCents;
    report.byStatus[order.status].orders += 1;
    report.byStatus[order.status].revenueCents += order.totalCents;
    const period = order.createdAt.toISOString().slice(0, groupBy === 'day' ? 10 : 7);
    const point = series.get(period) ?? { period, orders: 0, revenueCents: 0 };
    point.orders += 1;
    point.revenueCents += order.totalCents;
    series.set(period, point);
  }
  for (const item of allItems) report.totals.items += item.quantity;
  report.series = [...series.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  return { body: report };
}

/**
 * 1 query: GROUP BY (period, status) over orders_tenant_created_id_idx, units from the order's own
 * item_quantity (no pass over order_items); only the groups (≤ periods × 6) come back.
 * Cost on writes: item_quantity is kept by triggers (migration 0005), one UPDATE of the order
 * per order_items row inserted, updated or deleted, inside that write.
 */
export async function optimized({ sql, principal }: Ctx, { from, end, groupBy }: Input): Promise<Reply> {
  const format = groupBy === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
  const [tenantId, start, stop] = [principal.tenantId, from.toISOString(), end.toISOString()];
  // dates go in as ISO text: Drizzle swapped this client's timestamptz serializer for the identity function
  const groups = await sql<{ period: string; status: Status; orders: number; revenue: string; items: string }[]>`
    SELECT to_char(o.created_at AT TIME ZONE 'UTC', ${format}) AS period, o.status,
           count(*)::int AS orders, sum(o.total_cents)::text AS revenue, sum(o.item_quantity)::text AS items
    FROM orders o
    WHERE o.tenant_id = ${tenantId} AND o.created_at >= ${start}::timestamptz AND o.created_at < ${stop}::timestamptz
    GROUP BY 1, 2
    ORDER BY min(o.created_at)`;

  const report = emptyReport();
  for (const group of groups) {
    const revenueCents = Number(group.revenue);
    report.totals.orders += group.orders;
    report.totals.revenueCents += revenueCents;
    report.totals.items += Number(group.items);
    report.byStatus[group.status].orders += group.orders;
    report.byStatus[group.status].revenueCents += revenueCents;
    // rows come period by period (ordered by their first order), so one period's statuses are adjacent
    const last = report.series.at(-1);
    if (last?.period === group.period) {
      last.orders += group.orders;
      last.revenueCents += revenueCents;
    } else {
      report.series.push({ period: group.period, orders: group.orders, revenueCents });
    }
  }
  return { body: report };
}

/** Zero totals and every status present, in the enum's order, so both variants emit the same keys. */
function emptyReport(): SalesReport {
  const byStatus = Object.fromEntries(orderStatus.enumValues.map((s) => [s, { orders: 0, revenueCents: 0 }]));
  return { totals: { orders: 0, revenueCents: 0, items: 0 }, byStatus: byStatus as SalesReport['byStatus'], series: [] };
}

function addYears(date: Date, years: number): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

export default defineComparison<Input>('sales-report', { input, naive, optimized });
