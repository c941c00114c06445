import { and, eq, sql as dsql } from 'drizzle-orm';
import { z } from 'zod';
import { CacheUnavailableError, type Cache } from '../cache/types.ts';
import { products } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { productAmount, productText, strictJsonObject } from '../http/product-fields.ts';
import { currentMetrics } from '../http/request-metrics.ts';
import { bumpVersion } from '../cache/versioned-keys.ts';
import { detailJson, loadDetailNaive, productIdParam, type ProductDetail } from './product-detail-cache.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

const changes = strictJsonObject({ name: productText.optional(), priceCents: productAmount.optional(), stock: productAmount.optional() })
  .refine((b) => b.name !== undefined || b.priceCents !== undefined || b.stock !== undefined, 'set at least one of name, priceCents, stock');

/** `PATCH /products/:id` with `{ name?, priceCents?, stock? }`. */
export const input = z
  .object({ params: z.object({ id: productIdParam }), body: changes })
  .transform(({ params, body }) => ({ id: params.id, changes: body }));

export type Input = z.infer<typeof input>;

// kv_store holds the same catalog (catalog-kv reads it): a product write updates its document too
const KV_DOCUMENT_PATCH = `jsonb_build_object('name', p.name, 'priceCents', p.price_cents, 'stock', p.stock,
  'updatedAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/** 2 UPDATEs (row, KV document) + KEYS over the whole keyspace + DEL of every cached product of the tenant + 5 queries to answer. */
export async function naive({ db, cache, principal }: Ctx, { id, changes }: Input): Promise<Reply> {
  const tenantId = principal.tenantId;
  const updated = await db
    .update(products)
    .set({ ...changes, updatedAt: dsql`now()` })
    .where(and(eq(products.id, id), eq(products.tenantId, tenantId)))
    .returning({ id: products.id });
  if (updated.length === 0) throw notFound();
  await db.execute(dsql`UPDATE kv_store k SET value = k.value || ${dsql.raw(KV_DOCUMENT_PATCH)} FROM products p WHERE p.id = ${id} AND k.key = 'product:' || p.id`);
  await sweep(cache, `product:${tenantId}:*`);
  const detail = await loadDetailNaive(db, tenantId, id);
  if (!detail) throw notFound();
  return { body: detail };
}

/** 1 prepared statement (UPDATE … RETURNING feeding the KV document and the detail JSON) + 1 INCR that retires every cached copy. */
export async function optimized({ sql, cache, principal }: Ctx, { id, changes }: Input): Promise<Reply> {
  const tenantId = principal.tenantId;
  const [row] = await sql<{ detail: ProductDetail }[]>`
    WITH p AS (
      UPDATE products SET
        name = coalesce(${changes.name ?? null}::text, name),
        price_cents = coalesce(${changes.priceCents ?? null}::int, price_cents),
        stock = coalesce(${changes.stock ?? null}::int, stock),
        updated_at = now()
      WHERE id = ${id} AND tenant_id = ${tenantId}
      RETURNING *),
    kv AS (UPDATE kv_store k SET value = k.value || ${sql.unsafe(KV_DOCUMENT_PATCH)} FROM p WHERE k.key = 'product:' || p.id)
    SELECT ${detailJson(sql)} AS detail FROM p JOIN tenants t ON t.id = p.tenant_id`;
  if (!row) throw notFound();
  await bumpVersion(cache, tenantId, id);
  return { body: row.detail };
}

export default defineComparison<Input>('cache-invalidation', { input, naive, optimized });

function notFound(): HttpError {
  return new HttpError(404, 'not_found', 'product not found');
}

/** The wildcard delete: KEYS walks every key in Redis (blocking it meanwhile) to drop the tenant's whole product cache. */
async function sweep(cache: Cache, pattern: string): Promise<void> {
  try {
    const keys = await cache.keys(pattern);
    if (keys.length > 0) await cache.del(...keys);
  } catch (error) {
    // the row is already committed; failing the request would not un-write it, stale entries expire by TTL
    const metrics = currentMetrics();
    if (metrics) metrics.cacheErrors += 1;
    if (!(error instanceof CacheUnavailableError)) console.error(`cache: invalidation of ${pattern} failed: ${(error as Error).message}`);
  }
}
