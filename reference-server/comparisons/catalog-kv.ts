import { z } from 'zod';
import { limitParam } from '../http/pagination-params.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

const offsetParam = z
  .string()
  .regex(/^\d+$/, 'offset must be a non-negative integer')
  .transform(Number)
  .pipe(z.number().int().max(10_000_000, 'offset must be at most 10000000'))
  .default(0);

/** `GET /catalog?limit=1..200&offset=0..`: one page of the tenant's catalog, newest first. */
export const input = z
  .object({
    query: z.object({
      limit: limitParam(200, 50),
      offset: offsetParam,
    }),
  })
  .transform(({ query }) => query);

export type Input = z.infer<typeof input>;

/** A product as the KV store keeps it (`product:<id>`); jsonb orders its keys by length, then bytes. */
export interface ProductDoc {
  id: number;
  tenantId: number;
  sku: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogPage {
  items: ProductDoc[];
  total: number;
}

/** 1 + N queries: the tenant's id list, then one kv_store get per id on the page. */
export async function naive({ sql, principal }: Ctx, { limit, offset }: Input): Promise<Reply> {
  const [list] = await sql<{ value: number[] }[]>`SELECT value FROM kv_store WHERE key = ${`catalog:${principal.tenantId}:product-ids`}`;
  const ids = list?.value ?? [];
  const items: ProductDoc[] = [];
  for (const id of ids.slice(offset, offset + limit)) {
    const [doc] = await sql<{ value: ProductDoc }[]>`SELECT value FROM kv_store WHERE key = ${`product:${id}`}`;
    // ids come from this tenant's own list; the check keeps a corrupt list from leaking another tenant's row
    if (doc && doc.value.tenantId === principal.tenantId) items.push(doc.value);
  }
  return { body: { items, total: ids.length } satisfies CatalogPage };
}

/**
 * 1 query on a warm cache (2 on a miss): the page's ids from products_tenant_created_id_idx
 * (index-only), then those rows built as the same jsonb docs; the tenant's count from the cache.
 * No route adds or removes products, so the cached count stays exact.
 */
export async function optimized({ sql, cache, config, principal }: Ctx, { limit, offset }: Input): Promise<Reply> {
  const tenantId = principal.tenantId;
  const [items, total] = await Promise.all([
    // OFFSET skips index entries only (products_tenant_created_id_idx order); building docs before
    // the LIMIT would build and discard one per skipped row.
    // jsonb_build_object gives the docs kv_store's jsonb key order, so both bodies are byte-equal.
    sql<{ doc: ProductDoc }[]>`
      SELECT jsonb_build_object(
        'id', p.id, 'tenantId', p.tenant_id, 'sku', p.sku, 'name', p.name, 'description', p.description,
        'priceCents', p.price_cents, 'stock', p.stock,
        'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'updatedAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      ) AS doc
      FROM (
        SELECT id, created_at FROM products
        WHERE tenant_id = ${tenantId}
        ORDER BY created_at DESC, id DESC
        LIMIT ${limit} OFFSET ${offset}
      ) page
      JOIN products p ON p.id = page.id
      ORDER BY page.created_at DESC, page.id DESC`,
    cache.getOrLoad(`catalog:count:${tenantId}`, config.cacheTtlSec, async () => {
      const [row] = await sql<{ total: number }[]>`SELECT count(*)::int AS total FROM products WHERE tenant_id = ${tenantId}`;
      return row?.total ?? 0;
    }),
  ]);
  return { body: { items: items.map((row) => row.doc), total: total.value } satisfies CatalogPage };
}

export default defineComparison<Input>('catalog-kv', { input, naive, optimized });
