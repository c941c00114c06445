import type postgres from 'postgres';

/**
 * Fills `kv_store` from the products just loaded, the way a KV-backed backend keeps its
 * catalog: one document per product and one id list per tenant (created_at DESC, id DESC).
 * Deriving it in SQL makes it the same catalog as the relational rows by construction.
 * Returns the number of keys written.
 */
export async function fillKvStore(tx: postgres.TransactionSql): Promise<number> {
  const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const documents = await tx.unsafe(`
    INSERT INTO kv_store (key, value)
    SELECT 'product:' || id, jsonb_build_object(
      'id', id, 'tenantId', tenant_id, 'sku', sku, 'name', name, 'description', description,
      'priceCents', price_cents, 'stock', stock, 'createdAt', ${iso('created_at')}, 'updatedAt', ${iso('updated_at')})
    FROM products ORDER BY id`);
  const lists = await tx.unsafe(`
    INSERT INTO kv_store (key, value)
    SELECT 'catalog:' || tenant_id || ':product-ids', jsonb_agg(id ORDER BY created_at DESC, id DESC)
    FROM products GROUP BY tenant_id ORDER BY tenant_id`);
  return documents.count + lists.count;
}
