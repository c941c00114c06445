import { and, asc, desc, eq, sql as dsql } from 'drizzle-orm';
import { z } from 'zod';
import { customers, orderItems, orders, products } from '../db/schema.ts';
import { toIsoTimestamp } from '../db/client.ts';
import { cursorParam, limitParam } from '../http/pagination-params.ts';
import { encodeCursor, type CursorKey } from '../lib/cursor.ts';
import { defineComparison, type Ctx } from './types.ts';

export const input = z
  .object({ query: z.object({ limit: limitParam(100, 50), cursor: cursorParam }) })
  .transform(({ query }) => query);
export type Input = z.infer<typeof input>;

interface OrderLine {
  id: number;
  productId: number;
  quantity: number;
  unitPriceCents: number;
  product: { id: number; sku: string; name: string };
}
interface OrderView {
  id: number;
  status: string;
  totalCents: number;
  createdAt: string;
  customer: { id: number; name: string; email: string };
  items: OrderLine[];
}
export interface OrderPage {
  items: OrderView[];
  nextCursor: string | null;
}

// the order of orders_tenant_created_id_idx, so the planner reads the page instead of sorting the tenant
const newestFirst = [desc(orders.createdAt), desc(orders.id)];

// Seeded timestamps have millisecond precision, so a cursor carrying toISOString() is exact.
function page(items: OrderView[], hasMore: boolean): OrderPage {
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}

/** 1 + N + N + N·M queries: the orders, then per order its customer and its lines, then per line its product. */
export async function naive({ db, principal }: Ctx, { limit, cursor }: Input): Promise<OrderPage> {
  const tenant = eq(orders.tenantId, principal.tenantId);
  const rows = await db
    .select()
    .from(orders)
    .where(cursor ? and(tenant, dsql`(${orders.createdAt}, ${orders.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id})`) : tenant)
    .orderBy(...newestFirst)
    .limit(limit + 1);
  const views: OrderView[] = [];
  for (const order of rows.slice(0, limit)) {
    const [customer] = await db.select().from(customers).where(eq(customers.id, order.customerId));
    const lines = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id));
    const items: OrderLine[] = [];
    for (const line of lines) {
      const [product] = await db.select().from(products).where(eq(products.id, line.productId));
      if (!product) throw new Error(`order item ${line.id} references missing product ${line.productId}`);
      const { id, productId, quantity, unitPriceCents } = line;
      items.push({ id, productId, quantity, unitPriceCents, product: { id: product.id, sku: product.sku, name: product.name } });
    }
    if (!customer) throw new Error(`order ${order.id} references missing customer ${order.customerId}`);
    const { id, status, totalCents, createdAt } = order;
    views.push({ id, status, totalCents, createdAt: createdAt.toISOString(), customer: { id: customer.id, name: customer.name, email: customer.email }, items });
  }
  return page(views, rows.length > limit);
}

/** 1 query: the page of orders JOIN customers, each order's lines and products folded in by json_agg. */
export async function optimized({ sql, principal }: Ctx, { limit, cursor }: Input): Promise<OrderPage> {
  const after: CursorKey = cursor ?? { createdAt: 'infinity', id: 0 };
  // '(created_at, id) < (infinity, 0)' holds for every row, so page one shares the cursor's plan
  const rows = await sql<(Omit<OrderView, 'createdAt'> & { createdAt: string })[]>`
    SELECT o.id, o.status, o.total_cents AS "totalCents", o.created_at AS "createdAt",
           json_build_object('id', c.id, 'name', c.name, 'email', c.email) AS customer,
           COALESCE((
             SELECT json_agg(json_build_object(
                      'id', i.id, 'productId', i.product_id, 'quantity', i.quantity, 'unitPriceCents', i.unit_price_cents,
                      'product', json_build_object('id', p.id, 'sku', p.sku, 'name', p.name)) ORDER BY i.id)
             FROM order_items i JOIN products p ON p.id = i.product_id
             WHERE i.order_id = o.id), '[]') AS items
    FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE o.tenant_id = ${principal.tenantId}
      AND (o.created_at, o.id) < (${after.createdAt}::timestamptz, ${after.id}::int)
    ORDER BY o.created_at DESC, o.id DESC
    LIMIT ${limit + 1}`;
  const items = rows.slice(0, limit).map((row) => ({ ...row, createdAt: toIsoTimestamp(row.createdAt) }));
  return page(items, rows.length > limit);
}

export default defineComparison('orders-with-items', {
  input,
  naive: async (ctx, i) => ({ body: await naive(ctx, i) }),
  optimized: async (ctx, i) => ({ body: await optimized(ctx, i) }),
});
