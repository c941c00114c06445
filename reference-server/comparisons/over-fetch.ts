import type { Sql } from 'postgres';
import { z } from 'zod';
import { toIsoTimestamp } from '../db/client.ts';
import { limitParam } from '../http/pagination-params.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** The fields a caller may ask for, in the order every answer lists them. */
export const ORDER_FIELDS = ['id', 'status', 'totalCents', 'itemQuantity', 'createdAt', 'customer', 'items'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];
const DEFAULT_FIELDS = 'id,status,totalCents,createdAt';

const fieldsParam = z
  .string()
  .optional()
  .transform((raw, ctx): OrderField[] => {
    const asked = new Set((raw === undefined || raw === '' ? DEFAULT_FIELDS : raw).split(','));
    const unknown = [...asked].filter((f) => !(ORDER_FIELDS as readonly string[]).includes(f));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown field '${unknown[0]!.slice(0, 40)}' (known: ${ORDER_FIELDS.join(', ')})` });
      return z.NEVER;
    }
    return ORDER_FIELDS.filter((f) => asked.has(f));
  });

/** `GET /orders/list?fields=id,status,customer&limit=`: the newest orders with just the fields asked for. */
export const input = z
  .object({ query: z.object({ limit: limitParam(100, 50), fields: fieldsParam }) })
  .transform(({ query }) => query);
export type Input = z.infer<typeof input>;

interface Line {
  productId: number;
  quantity: number;
  unitPriceCents: number;
  productName: string;
}
/** Every field an order view can carry; an answer holds the requested ones only. */
interface OrderView {
  id: number;
  status: string;
  totalCents: number;
  itemQuantity: number;
  createdAt: string;
  customer: { id: number; name: string; email: string };
  items: Line[];
}

/** The requested fields of `view`, in ORDER_FIELDS order (so both variants serialise byte-equal). */
function project(view: Partial<OrderView>, fields: readonly OrderField[]): Partial<OrderView> {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = field === 'createdAt' ? toIsoTimestamp(view.createdAt as string) : view[field];
  return out as Partial<OrderView>;
}

interface FullRow {
  id: number;
  status: string;
  total_cents: number;
  item_quantity: number;
  created_at: string;
  customer: { id: number; name: string; email: string; [column: string]: unknown };
  items: { line: { product_id: number; quantity: number; unit_price_cents: number }; product: { name: string } }[];
}

/**
 * 1 statement that always joins everything any field could need and selects every column of
 * orders, customers, order_items and products (descriptions included); the unused ones are
 * dropped in JS after they crossed the wire.
 */
export async function naive({ sql, principal }: Ctx, { limit, fields }: Input): Promise<Reply> {
  const rows = await everyColumn(sql, principal.tenantId, limit);
  const items = rows.map((row) =>
    project(
      {
        id: row.id,
        status: row.status,
        totalCents: row.total_cents,
        itemQuantity: row.item_quantity,
        createdAt: row.created_at,
        customer: { id: row.customer.id, name: row.customer.name, email: row.customer.email },
        items: row.items.map(({ line, product }) => ({ productId: line.product_id, quantity: line.quantity, unitPriceCents: line.unit_price_cents, productName: product.name })),
      },
      fields,
    ),
  );
  return { body: { items } };
}

/** 1 statement selecting only the requested fields' columns, joining customers and the lines only when asked for. */
export async function optimized({ sql, principal }: Ctx, { limit, fields }: Input): Promise<Reply> {
  const rows = await requestedColumns(sql, principal.tenantId, limit, fields);
  return { body: { items: rows.map((row) => project(row, fields)) } };
}

export default defineComparison<Input>('over-fetch', { input, naive, optimized });

/** The naive statement: every column of every table any field could need. */
export function everyColumn(sql: Sql, tenantId: number, limit: number) {
  return sql<FullRow[]>`
    SELECT o.*, to_jsonb(c) AS customer,
           COALESCE((SELECT json_agg(json_build_object('line', to_jsonb(i), 'product', to_jsonb(p)) ORDER BY i.id)
                     FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = o.id), '[]') AS items
    FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE o.tenant_id = ${tenantId}
    ORDER BY o.created_at DESC, o.id DESC
    LIMIT ${limit}`;
}

/** The optimized statement: the requested fields' columns and the joins they need. */
export function requestedColumns(sql: Sql, tenantId: number, limit: number, fields: readonly OrderField[]) {
  return sql<Partial<OrderView>[]>`
    SELECT o.id ${fields.map((f) => columnOf(sql, f))}
    FROM orders o ${fields.includes('customer') ? sql`JOIN customers c ON c.id = o.customer_id` : sql``}
    WHERE o.tenant_id = ${tenantId}
    ORDER BY o.created_at DESC, o.id DESC
    LIMIT ${limit}`;
}

function columnOf(sql: Sql, field: OrderField) {
  switch (field) {
    case 'id':
      return sql``;
    case 'status':
      return sql`, o.status`;
    case 'totalCents':
      return sql`, o.total_cents AS "totalCents"`;
    case 'itemQuantity':
      return sql`, o.item_quantity AS "itemQuantity"`;
    case 'createdAt':
      return sql`, o.created_at AS "createdAt"`;
    case 'customer':
      return sql`, json_build_object('id', c.id, 'name', c.name, 'email', c.email) AS customer`;
    case 'items':
      return sql`, COALESCE((SELECT json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity,
                    'unitPriceCents', i.unit_price_cents, 'productName', p.name) ORDER BY i.id)
                  FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = o.id), '[]') AS items`;
  }
}
