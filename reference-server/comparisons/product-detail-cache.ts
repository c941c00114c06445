import { and, count, desc, eq, sql as dsql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { CacheUnavailableError, type Cache } from '../cache/types.ts';
import type { Db } from '../db/client.ts';
import { categories, customers, productCategories, products, reviews, tenants } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { currentMetrics } from '../http/request-metrics.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** A product id path segment: a positive int4 (anything else is a 400, not a query). */
export const productIdParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer')
  .transform(Number)
  .pipe(z.number().max(2_147_483_647, 'is out of range'));

/** `GET /products/:id`. */
export const input = z.object({ params: z.object({ id: productIdParam }) }).transform(({ params }) => ({ id: params.id }));

export type Input = z.infer<typeof input>;

/** The product page: the product, its brand (tenant), categories, 5 newest reviews, rating summary. */
export interface ProductDetail {
  product: { id: number; tenantId: number; sku: string; name: string; description: string; priceCents: number; stock: number; createdAt: string; updatedAt: string };
  brand: { id: number; slug: string; name: string };
  categories: { id: number; name: string; slug: string }[];
  latestReviews: { id: number; rating: number; title: string; body: string; createdAt: string; customerName: string }[];
  rating: { average: number; count: number };
}

/** 5 queries every time: product, brand, categories, latest reviews, rating aggregate. */
export async function naive({ db, principal }: Ctx, { id }: Input): Promise<Reply> {
  return { body: found(await loadDetailNaive(db, principal.tenantId, id)) };
}

/** Hit: 0 queries (2 cache GETs: version, entry). Miss: 1 prepared query, stored under the current version. */
export async function optimized({ sql, cache, config, principal }: Ctx, { id }: Input): Promise<Reply> {
  const tenantId = principal.tenantId;
  const version = await readVersion(cache, versionKey(tenantId, id));
  if (version === null) return { body: found(await loadDetail(sql, tenantId, id)) };
  const { value } = await cache.getOrLoad(detailKey(tenantId, id, version), config.cacheTtlSec, () => loadDetail(sql, tenantId, id));
  return { body: found(value) };
}

export default defineComparison<Input>({
  id: 'product-detail-cache',
  method: 'GET',
  path: '/products/:id',
  minRole: 'viewer',
  input,
  naive,
  optimized,
});

/** The key whose INCR invalidates every cached copy of one product: entries embed its value. */
export const versionKey = (tenantId: number, productId: number) => `v:${tenantId}:${productId}`;

/** Under `product:<tid>:*`, the pattern the naive writer sweeps with KEYS. */
export const detailKey = (tenantId: number, productId: number, version: string) => `product:${tenantId}:${productId}:v${version}`;

/** Retires every cached copy of the product in one O(1) command; readers move on to a key nobody has filled yet. */
export function bumpVersion(cache: Cache, tenantId: number, productId: number): Promise<void> {
  return incrVersion(cache, versionKey(tenantId, productId));
}

/**
 * INCRs a version key. A failure is counted and logged, not thrown: the write it follows is
 * committed, and entries under the old version expire by TTL.
 */
export async function incrVersion(cache: Cache, key: string): Promise<void> {
  try {
    await cache.incr(key);
  } catch (error) {
    countCacheError();
    // an open breaker already said so once (cache/redis-cache.ts)
    if (!(error instanceof CacheUnavailableError)) console.error(`cache: INCR ${key} failed; entries expire by TTL: ${(error as Error).message}`);
  }
}

/** The version readers embed in entry keys, '0' before the first write; null when the cache is unreachable. */
export async function readVersion(cache: Cache, key: string): Promise<string | null> {
  try {
    return (await cache.get(key)) ?? '0';
  } catch {
    // without the version an entry could be stale, so the caller bypasses the cache altogether
    countCacheError();
    return null;
  }
}

function countCacheError(): void {
  const metrics = currentMetrics();
  if (metrics) metrics.cacheErrors += 1;
}

function found(detail: ProductDetail | null): ProductDetail {
  if (!detail) throw new HttpError(404, 'not_found', 'product not found');
  return detail;
}

/** The ORM way: five round trips, each small, each waiting for the one before. */
export async function loadDetailNaive(db: Db, tenantId: number, id: number): Promise<ProductDetail | null> {
  const [p] = await db.select().from(products).where(and(eq(products.id, id), eq(products.tenantId, tenantId)));
  if (!p) return null;
  const [brand] = await db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, p.tenantId));
  const cats = await db
    .select({ id: categories.id, name: categories.name, slug: categories.slug })
    .from(productCategories)
    .innerJoin(categories, eq(categories.id, productCategories.categoryId))
    .where(and(eq(productCategories.productId, id), eq(categories.tenantId, tenantId)))
    .orderBy(categories.id);
  const latest = await db
    .select({ id: reviews.id, rating: reviews.rating, title: reviews.title, body: reviews.body, createdAt: reviews.createdAt, customerName: customers.name })
    .from(reviews)
    .innerJoin(customers, eq(customers.id, reviews.customerId))
    .where(and(eq(reviews.productId, id), eq(reviews.tenantId, tenantId)))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(5);
  const [rating] = await db
    .select({ average: dsql<string | null>`round(avg(${reviews.rating}), 2)`, count: count() })
    .from(reviews)
    .where(and(eq(reviews.productId, id), eq(reviews.tenantId, tenantId)));
  if (!brand) return null;
  return {
    product: {
      id: p.id, tenantId: p.tenantId, sku: p.sku, name: p.name, description: p.description,
      priceCents: p.priceCents, stock: p.stock, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
    },
    brand,
    categories: cats,
    latestReviews: latest.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    rating: { average: Number(rating?.average ?? 0), count: rating?.count ?? 0 },
  };
}

const iso = (sql: Sql, column: string) => sql`to_char(${sql(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The whole detail as one JSON value, built from a row `p` (a product) joined to `t` (its tenant).
 * Shared by the cached read and the optimized PATCH (where `p` is the UPDATE's RETURNING row).
 * Key order matches the naive object literal, so both bodies serialise byte-equal.
 */
export function detailJson(sql: Sql) {
  return sql`json_build_object(
    'product', json_build_object('id', p.id, 'tenantId', p.tenant_id, 'sku', p.sku, 'name', p.name,
      'description', p.description, 'priceCents', p.price_cents, 'stock', p.stock,
      'createdAt', ${iso(sql, 'p.created_at')}, 'updatedAt', ${iso(sql, 'p.updated_at')}),
    'brand', json_build_object('id', t.id, 'slug', t.slug, 'name', t.name),
    'categories', coalesce((
      SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'slug', c.slug) ORDER BY c.id)
      FROM product_categories pc JOIN categories c ON c.id = pc.category_id
      WHERE pc.product_id = p.id AND c.tenant_id = p.tenant_id), '[]'),
    'latestReviews', coalesce((
      SELECT json_agg(json_build_object('id', r.id, 'rating', r.rating, 'title', r.title, 'body', r.body,
        'createdAt', ${iso(sql, 'r.created_at')}, 'customerName', r.customer_name) ORDER BY r.created_at DESC, r.id DESC)
      FROM (SELECT rv.*, cu.name AS customer_name FROM reviews rv JOIN customers cu ON cu.id = rv.customer_id
            WHERE rv.product_id = p.id AND rv.tenant_id = p.tenant_id
            ORDER BY rv.created_at DESC, rv.id DESC LIMIT 5) r), '[]'),
    'rating', (SELECT json_build_object('average', coalesce(round(avg(rating), 2), 0), 'count', count(*))
               FROM reviews WHERE product_id = p.id AND tenant_id = p.tenant_id))`;
}

/** 1 prepared query (postgres.js tagged templates are prepared): the detail, or null for a missing or foreign product. */
export async function loadDetail(sql: Sql, tenantId: number, id: number): Promise<ProductDetail | null> {
  const [row] = await sql<{ detail: ProductDetail }[]>`
    SELECT ${detailJson(sql)} AS detail
    FROM products p JOIN tenants t ON t.id = p.tenant_id
    WHERE p.id = ${id} AND p.tenant_id = ${tenantId}`;
  return row?.detail ?? null;
}
