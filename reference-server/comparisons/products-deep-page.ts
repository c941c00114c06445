import { and, count, desc, eq, sql as dsql } from 'drizzle-orm';
import { z } from 'zod';
import { products } from '../db/schema.ts';
import { preparedPerDb } from '../db/prepared.ts';
import { HttpError } from '../http/errors.ts';
import { cursorParam, limitParam, wholeNumberParam } from '../http/pagination-params.ts';
import { encodeCursor } from '../lib/cursor.ts';
import { defineComparison, type Ctx } from './types.ts';

export const input = z
  .object({
    query: z.object({
      limit: limitParam(100, 50),
      page: wholeNumberParam('page', 1, 1_000_000),
      cursor: cursorParam,
    }),
  })
  .transform(({ query }) => query)
  .refine((q) => q.page === undefined || q.cursor === undefined, { message: 'give either page or cursor, not both', path: ['query', 'cursor'] });
export type Input = z.infer<typeof input>;

const columns = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  description: products.description,
  priceCents: products.priceCents,
  stock: products.stock,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};
type ProductRow = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] };
export interface ProductView extends Omit<ProductRow, 'createdAt' | 'updatedAt'> {
  createdAt: string;
  updatedAt: string;
}
export interface ProductPage {
  items: ProductView[];
  total: number;
  nextCursor: string | null;
}

// the order of products_tenant_created_id_idx, so both variants read the index instead of sorting
const newestFirst = [desc(products.createdAt), desc(products.id)];

function toPage(rows: ProductRow[], total: number, hasMore: boolean): ProductPage {
  const items = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
  const last = items.at(-1);
  return { items, total, nextCursor: hasMore && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
}

/** 2 queries, both growing with depth: LIMIT/OFFSET walks (page-1)·limit rows to skip them, and COUNT(*) scans the tenant every time. */
export async function naive({ db, principal }: Ctx, { limit, page = 1, cursor }: Input): Promise<ProductPage> {
  if (cursor) throw new HttpError(400, 'invalid_input', 'query.cursor: the naive variant pages with ?page=N');
  const offset = (page - 1) * limit;
  const tenant = eq(products.tenantId, principal.tenantId);
  const rows = await db.select(columns).from(products).where(tenant).orderBy(...newestFirst).limit(limit).offset(offset);
  const [counted] = await db.select({ total: count() }).from(products).where(tenant);
  const total = counted?.total ?? 0;
  return toPage(rows, total, offset + rows.length < total);
}

const keysetPage = preparedPerDb((db) =>
  db
    .select(columns)
    .from(products)
    .where(
      and(
        eq(products.tenantId, dsql.placeholder('tenantId')),
        dsql`(${products.createdAt}, ${products.id}) < (${dsql.placeholder('createdAt')}::timestamptz, ${dsql.placeholder('id')}::int)`,
      ),
    )
    .orderBy(...newestFirst)
    .limit(dsql.placeholder('limit'))
    .prepare('products_keyset_page'),
);

const productCount = preparedPerDb((db) =>
  db.select({ total: count() }).from(products).where(eq(products.tenantId, dsql.placeholder('tenantId'))).prepare('products_count'),
);

/**
 * 1 query, constant cost at any depth: keyset seek on (tenant_id, created_at DESC, id DESC);
 * the count is cached (1 more query on a miss). No route here adds or removes products, so the
 * cached count stays exact; a write path that did would delete `products:count:<tid>`.
 */
export async function optimized({ db, cache, config, principal }: Ctx, { limit, page, cursor }: Input): Promise<ProductPage> {
  if (page !== undefined && page > 1) throw new HttpError(400, 'invalid_input', 'query.page: the optimized variant pages with ?cursor=');
  const tenantId = principal.tenantId;
  const after = cursor ?? { createdAt: 'infinity', id: 0 };
  const [rows, total] = await Promise.all([
    keysetPage(db).execute({ tenantId, createdAt: after.createdAt, id: after.id, limit: limit + 1 }),
    cache.getOrLoad(`products:count:${tenantId}`, config.cacheTtlSec, async () => (await productCount(db).execute({ tenantId }))[0]?.total ?? 0),
  ]);
  return toPage(rows.slice(0, limit), total.value, rows.length > limit);
}

export default defineComparison('products-deep-page', {
  input,
  naive: async (ctx, i) => ({ body: await naive(ctx, i) }),
  optimized: async (ctx, i) => ({ body: await optimized(ctx, i) }),
});
