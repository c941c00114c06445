import type { Sql } from 'postgres';
import { z } from 'zod';
import { strictJsonObject } from '../http/product-fields.ts';
import { isoDate } from './sales-report.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

const DAY_MS = 86_400_000;
const MAX_DAYS = 92;

/**
 * `POST /orders/recompute-totals` with `{ from, to }` (inclusive UTC days, at most 92): sets
 * every order of the caller's tenant created in the window to the sum of its lines. The seeded
 * totals already are those sums, so the statement rewrites every row in the window with the
 * value it holds: the database ends in the state it started in and every rerun does the same
 * work (Postgres writes a new row version even for an unchanged value).
 */
export const input = z
  .object({ body: strictJsonObject({ from: isoDate, to: isoDate }) })
  .transform(({ body }) => ({ from: body.from, end: new Date(body.to.getTime() + DAY_MS) }))
  .refine(({ from, end }) => from < end, { message: 'from must not be after to', path: ['body', 'from'] })
  .refine(({ from, end }) => end.getTime() - from.getTime() <= MAX_DAYS * DAY_MS, { message: `window must not exceed ${MAX_DAYS} days`, path: ['body', 'to'] });
export type Input = z.infer<typeof input>;

interface OrderRow {
  id: number;
  [column: string]: unknown;
}

/** 1 statement whose RETURNING * ships every updated row (all columns) back to Node, then a JS loop over them to count. */
export async function naive({ sql, principal }: Ctx, { from, end }: Input): Promise<Reply> {
  const rows = await sql<OrderRow[]>`
    UPDATE orders o
    SET total_cents = (SELECT coalesce(sum(i.quantity * i.unit_price_cents), 0) FROM order_items i WHERE i.order_id = o.id)
    WHERE o.id IN (${windowLockedInIdOrder(sql, principal.tenantId, from, end)})
    RETURNING *`;
  const updatedIds: number[] = [];
  for (const row of rows) updatedIds.push(row.id);
  return { body: { updated: updatedIds.length } };
}

/** 1 statement without RETURNING: the count comes from the command tag (UPDATE n), no row crosses the wire. */
export async function optimized({ sql, principal }: Ctx, { from, end }: Input): Promise<Reply> {
  const result = await sql`
    UPDATE orders o
    SET total_cents = (SELECT coalesce(sum(i.quantity * i.unit_price_cents), 0) FROM order_items i WHERE i.order_id = o.id)
    WHERE o.id IN (${windowLockedInIdOrder(sql, principal.tenantId, from, end)})`;
  return { body: { updated: result.count } };
}

export default defineComparison<Input>('bulk-update', { input, naive, optimized });

/**
 * The window's orders, row-locked in id order: two concurrent recomputes over overlapping
 * windows then wait for each other instead of deadlocking (each UPDATE alone could lock in
 * whatever order its plan reads rows).
 */
function windowLockedInIdOrder(sql: Sql, tenantId: number, from: Date, end: Date) {
  return sql`SELECT id FROM orders WHERE tenant_id = ${tenantId} AND created_at >= ${from.toISOString()}::timestamptz AND created_at < ${end.toISOString()}::timestamptz ORDER BY id FOR UPDATE`;
}
