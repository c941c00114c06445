import type { Sql, TransactionSql } from 'postgres';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { idParam } from '../http/id-param.ts';
import { limitParam } from '../http/pagination-params.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** The role a request switches to so the tenant policies apply (migration 0008 creates it and its policies). */
export const TENANT_ROLE = 'perflab_tenant';

/** `GET /customers/:id/orders?limit=`: a customer of the caller's tenant with their newest orders and each order's lines. */
export const input = z
  .object({ params: z.object({ id: idParam }), query: z.object({ limit: limitParam(50, 10) }) })
  .transform(({ params, query }) => ({ id: params.id, limit: query.limit }));
export type Input = z.infer<typeof input>;

interface CustomerOrders {
  customer: { id: number; name: string; email: string };
  orders: unknown[];
}

/**
 * 4 statements: BEGIN, set_config of the role and of app.tenant_id (SET LOCAL both, undone at
 * COMMIT so the pooled connection goes back clean), the SELECT with no tenant predicate, COMMIT.
 * Postgres adds the tenant filter itself: the policies on customers, orders and order_items.
 */
export async function naive({ sql, principal }: Ctx, { id, limit }: Input): Promise<Reply> {
  const rows = await sql.begin(async (tx) => {
    await tx`SELECT set_config('role', ${TENANT_ROLE}, true), set_config('app.tenant_id', ${String(principal.tenantId)}, true)`;
    return customerOrders(tx, id, limit, null);
  });
  return found(rows);
}

/** 1 statement: the same SELECT with `tenant_id = $1` on customers and orders (lines reached through their order). */
export async function optimized({ sql, principal }: Ctx, { id, limit }: Input): Promise<Reply> {
  return found(await customerOrders(sql, id, limit, principal.tenantId));
}

export default defineComparison<Input>('row-level-security', { input, naive, optimized });

function found(rows: CustomerOrders[]): Reply {
  if (!rows[0]) throw new HttpError(404, 'not_found', 'customer not found');
  return { body: rows[0] };
}

/** The one SELECT of both sides; `tenantId` null leaves the tenant filter to the RLS policies. */
function customerOrders(sql: Sql | TransactionSql, id: number, limit: number, tenantId: number | null) {
  const tenant = (column: string) => (tenantId === null ? sql`` : sql`AND ${sql(column)} = ${tenantId}`);
  return sql<CustomerOrders[]>`
    SELECT json_build_object('id', c.id, 'name', c.name, 'email', c.email) AS customer,
      coalesce((
        SELECT json_agg(json_build_object(
          'id', o.id, 'status', o.status, 'totalCents', o.total_cents,
          'createdAt', to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'items', (SELECT coalesce(json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity, 'unitPriceCents', i.unit_price_cents) ORDER BY i.id), '[]')
                    FROM order_items i WHERE i.order_id = o.id)
        ) ORDER BY o.created_at DESC, o.id DESC)
        FROM (SELECT * FROM orders o WHERE o.customer_id = c.id ${tenant('o.tenant_id')} ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit}) o
      ), '[]') AS orders
    FROM customers c
    WHERE c.id = ${id} ${tenant('c.tenant_id')}`;
}
