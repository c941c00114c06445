import type { Sql } from 'postgres';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { idParam } from '../http/id-param.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** `GET /customers/:id`: one customer of the caller's tenant with their order count and lifetime spend. */
export const input = z
  .object({
    params: z.object({ id: idParam }),
  })
  .transform(({ params }) => ({ id: params.id }));

export type Input = z.infer<typeof input>;

export interface CustomerSummary {
  id: number;
  name: string;
  email: string;
  orders: number;
  lifetimeCents: number;
}

/** 1 query on a brand-new connection: TCP connect, startup and auth, the query, then close. */
export async function naive({ connect, principal }: Ctx, { id }: Input): Promise<Reply> {
  const sql = connect();
  try {
    return { body: await customerSummary(sql, principal.tenantId, id) };
  } finally {
    await sql.end();
  }
}

/** 1 prepared query on a warm connection of the shared pool. */
export async function optimized({ sql, principal }: Ctx, { id }: Input): Promise<Reply> {
  return { body: await customerSummary(sql, principal.tenantId, id) };
}

/** The same statement for both variants: only where its connection comes from differs. */
async function customerSummary(sql: Sql, tenantId: number, id: number): Promise<CustomerSummary> {
  const [row] = await sql<{ id: number; name: string; email: string; orders: number; lifetimeCents: string }[]>`
    SELECT c.id, c.name, c.email, count(o.id)::int AS orders, coalesce(sum(o.total_cents), 0)::text AS "lifetimeCents"
    FROM customers c
    LEFT JOIN orders o ON o.customer_id = c.id AND o.tenant_id = c.tenant_id
    WHERE c.id = ${id} AND c.tenant_id = ${tenantId}
    GROUP BY c.id`;
  if (!row) throw new HttpError(404, 'not_found', `customer ${id} not found`);
  return { id: row.id, name: row.name, email: row.email, orders: row.orders, lifetimeCents: Number(row.lifetimeCents) };
}

export default defineComparison<Input>('connection-per-request', { input, naive, optimized });
