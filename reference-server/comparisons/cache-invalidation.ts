import type { Sql } from 'postgres';
import { z } from 'zod';
import { CacheUnavailableError, type Cache } from '../cache/types.ts';
import { HttpError } from '../http/errors.ts';
import { productAmount, productText, strictJsonObject } from '../http/product-fields.ts';
import { currentMetrics } from '../http/request-metrics.ts';
import { bumpVersion } from '../cache/versioned-keys.ts';
import { detailJson, productIdParam, type ProductDetail } from './product-detail-cache.ts';
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

/** The write both variants make: 1 prepared statement (UPDATE … RETURNING feeding the KV document and the detail JSON). */
export async function writeProduct(sql: Sql, tenantId: number, id: number, changes: Input['changes']): Promise<ProductDetail> {
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
  return row.detail;
}

/** The write (1 statement) + KEYS over the whole keyspace + DEL of every cached product of the tenant. */
export async function naive({ sql, cache, principal }: Ctx, { id, changes }: Input): Promise<Reply> {
  const detail = await writeProduct(sql, principal.tenantId, id, changes);
  await sweep(cache, `product:${principal.tenantId}:*`);
  return { body: detail };
}

/** The write (1 statement) + 1 INCR that retires every cached copy of this product. */
export async function optimized({ sql, cache, principal }: Ctx, { id, changes }: Input): Promise<Reply> {
  const detail = await writeProduct(sql, principal.tenantId, id, changes);
  await bumpVersion(cache, principal.tenantId, id);
  return { body: detail };
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
