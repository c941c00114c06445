import type { Sql } from 'postgres';
import { z } from 'zod';
import { toIsoTimestamp } from '../db/client.ts';
import { limitParam } from '../http/pagination-params.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** `GET /orders/pending?limit=`: the caller's pending orders, newest first. */
export const input = z.object({ query: z.object({ limit: limitParam(100, 50) }) }).transform(({ query }) => query);
export type Input = z.infer<typeof input>;

export interface PendingOrder {
  id: number;
  customerId: number;
  totalCents: number;
  createdAt: string;
}

type Row = Omit<PendingOrder, 'createdAt'> & { createdAt: string };

/**
 * The one query both variants run, in a transaction whose first statement sets the planner's
 * index access paths on or off for that transaction only. Each variant has its own statement
 * text (`planned`), so postgres.js prepares them separately and a plan cached under one
 * setting is never reused under the other (Postgres does not replan on a GUC change).
 */
async function pendingOrders(sql: Sql, tenantId: number, limit: number, indexes: 'on' | 'off', planned: string): Promise<PendingOrder[]> {
  const rows = await sql.begin(async (tx) => {
    await tx`SELECT set_config('enable_indexscan', ${indexes}, true), set_config('enable_indexonlyscan', ${indexes}, true), set_config('enable_bitmapscan', ${indexes}, true)`;
    return tx<Row[]>`
      SELECT id, customer_id AS "customerId", total_cents AS "totalCents", created_at AS "createdAt" ${tx.unsafe(planned)}
      FROM orders
      WHERE tenant_id = ${tenantId} AND status = 'pending'
      ORDER BY created_at DESC, id DESC
      LIMIT ${limit}`;
  });
  return rows.map((row) => ({ ...row, createdAt: toIsoTimestamp(row.createdAt) }));
}

/** 4 statements (BEGIN, set_config, SELECT, COMMIT); the SELECT reads every order of the table (Seq Scan + top-N sort): no index may be used. */
export async function naive({ sql, principal }: Ctx, { limit }: Input): Promise<Reply> {
  return { body: { items: await pendingOrders(sql, principal.tenantId, limit, 'off', '/* planned without indexes */') } };
}

/** 4 statements (BEGIN, set_config, SELECT, COMMIT); the SELECT reads only the tenant's pending orders from the partial index orders_pending_tenant_created_idx. */
export async function optimized({ sql, principal }: Ctx, { limit }: Input): Promise<Reply> {
  return { body: { items: await pendingOrders(sql, principal.tenantId, limit, 'on', '/* planned with indexes */') } };
}

export default defineComparison<Input>('missing-index', { input, naive, optimized });
