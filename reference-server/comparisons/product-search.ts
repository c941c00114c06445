import { and, asc, countDistinct, eq, ilike, or } from 'drizzle-orm';
import { z } from 'zod';
import { categories, productCategories, products } from '../db/schema.ts';
import { limitParam } from '../http/pagination-params.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** `GET /search?q=<2..100 chars>&limit=1..100`: products whose name, description, SKU or category name contains q. */
export const input = z
  .object({
    query: z.object({
      q: z
        .string()
        .trim()
        .min(2, 'must be at least 2 characters')
        .max(100, 'must be at most 100 characters')
        // Postgres text cannot hold NUL; reject it here rather than as a driver error
        .refine((q) => !q.includes('\0'), 'must not contain NUL characters'),
      limit: limitParam(100, 20),
    }),
  })
  .transform(({ query }) => ({ pattern: `%${escapeLike(query.q)}%`, limit: query.limit }));

export type Input = z.infer<typeof input>;

export interface SearchHit {
  id: number;
  sku: string;
  name: string;
  priceCents: number;
}

export interface SearchPage {
  items: SearchHit[];
  total: number;
}

/** Makes `%`, `_` and `\` in user input match themselves under LIKE's default `\` escape. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** 2 queries, each a sequential scan: ILIKE over four columns across a join, then the same again to COUNT. */
export async function naive({ db, principal }: Ctx, { pattern, limit }: Input): Promise<Reply> {
  const where = and(
    eq(products.tenantId, principal.tenantId),
    or(
      ilike(products.name, pattern),
      ilike(products.description, pattern),
      ilike(products.sku, pattern),
      ilike(categories.name, pattern),
    ),
  );
  const items = await db
    .selectDistinct({ id: products.id, sku: products.sku, name: products.name, priceCents: products.priceCents })
    .from(products)
    .leftJoin(productCategories, eq(productCategories.productId, products.id))
    .leftJoin(categories, eq(categories.id, productCategories.categoryId))
    .where(where)
    .orderBy(asc(products.name), asc(products.id))
    .limit(limit);
  const [count] = await db
    .select({ total: countDistinct(products.id) })
    .from(products)
    .leftJoin(productCategories, eq(productCategories.productId, products.id))
    .leftJoin(categories, eq(categories.id, productCategories.categoryId))
    .where(where);
  return { body: { items, total: count?.total ?? 0 } satisfies SearchPage };
}

/** 1 query: pg_trgm GIN bitmap scans (name, description, sku) united with the matching categories' products, counted by a window. */
export async function optimized({ sql, principal }: Ctx, { pattern, limit }: Input): Promise<Reply> {
  const tenantId = principal.tenantId;
  // each branch returns the listed columns itself: joining the hits back to products costs a scan
  const rows = await sql<(SearchHit & { total: number })[]>`
    WITH hits AS (
      SELECT id, sku, name, price_cents FROM products
      WHERE tenant_id = ${tenantId} AND (name ILIKE ${pattern} OR description ILIKE ${pattern} OR sku ILIKE ${pattern})
      UNION
      SELECT p.id, p.sku, p.name, p.price_cents
      FROM categories c JOIN product_categories pc ON pc.category_id = c.id JOIN products p ON p.id = pc.product_id
      WHERE c.tenant_id = ${tenantId} AND p.tenant_id = ${tenantId} AND c.name ILIKE ${pattern}
    )
    SELECT id, sku, name, price_cents AS "priceCents", count(*) OVER ()::int AS total
    FROM hits
    ORDER BY name, id
    LIMIT ${limit}`;
  const items = rows.map(({ id, sku, name, priceCents }) => ({ id, sku, name, priceCents }));
  return { body: { items, total: rows[0]?.total ?? 0 } satisfies SearchPage };
}

export default defineComparison<Input>('product-search', { input, naive, optimized });
