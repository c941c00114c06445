import type { Sql, TransactionSql } from 'postgres';
import { IMPORT_QUEUE } from '../jobs/queue.ts';

/** What one restore undid. */
export interface RestoreOutcome {
  /** Products (and their kv_store documents) put back to the baseline. */
  products: number;
  importedRows: number;
  jobs: number;
  /** write-behind's usage counter rows deleted (the seed loads none; pending Redis counts were dropped before). */
  usageCounters: number;
}

/**
 * A copy of the products' writable columns, what cache-invalidation's writes are undone from. It
 * outlives the server (the next benchmark restores what the last one left), the seeder drops it
 * when it reloads the set, and it is UNLOGGED: a copy, not data (a crash empties it; it is retaken).
 */
export const PRODUCTS_BASELINE_TABLE = 'perflab_products_baseline';
const BASELINE = PRODUCTS_BASELINE_TABLE;

// the same document patch cache-invalidation applies (and the seeder's format), so a restored
// product's kv_store document is byte-equal to the seeded one
const KV_PATCH = `jsonb_build_object('name', p.name, 'priceCents', p.price_cents, 'stock', p.stock,
  'updatedAt', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * Makes sure the baseline of the products' writable columns (name, price, stock, updated_at)
 * exists: kept when it covers every product, else (first use since the seed, or emptied by a
 * crash) taken from the table as it is. Called at each server's first reset, before any write of
 * its own; the harness checks every restored state against the seeded checksum, so a baseline
 * taken from a changed set fails loudly instead of passing for the seeded one.
 */
export async function ensureBaseline(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await liftStatementTimeout(tx);
    await tx.unsafe(`CREATE UNLOGGED TABLE IF NOT EXISTS ${BASELINE} (id int PRIMARY KEY, name text NOT NULL, price_cents int NOT NULL, stock int NOT NULL, updated_at timestamptz NOT NULL)`);
    const [counts] = await tx.unsafe<{ kept: number; products: number }[]>(`SELECT (SELECT count(*)::int FROM ${BASELINE}) AS kept, (SELECT count(*)::int FROM products) AS products`);
    if (counts && counts.kept === counts.products && counts.kept > 0) return;
    await tx.unsafe(`TRUNCATE ${BASELINE}`);
    await tx.unsafe(`INSERT INTO ${BASELINE} SELECT id, name, price_cents, stock, updated_at FROM products`);
  });
}

/**
 * Undoes what the write comparisons did since the baseline, without a reseed: products whose
 * writable columns differ go back (with their kv_store documents), imported rows and import jobs
 * are deleted (the seed loads none), and pg-boss's finished import jobs with them; write-behind's
 * usage counters and applied batches are deleted too (the seed loads none either). Queued or
 * running jobs must be drained first: the caller refuses to restore under a working queue.
 */
export async function restoreWrites(sql: Sql): Promise<RestoreOutcome> {
  return sql.begin(async (tx) => {
    await liftStatementTimeout(tx);
    const restored = await tx.unsafe<{ id: number }[]>(`
      UPDATE products p SET name = b.name, price_cents = b.price_cents, stock = b.stock, updated_at = b.updated_at
      FROM ${BASELINE} b
      WHERE b.id = p.id AND (p.name, p.price_cents, p.stock, p.updated_at) IS DISTINCT FROM (b.name, b.price_cents, b.stock, b.updated_at)
      RETURNING p.id`);
    const ids = restored.map((r) => r.id);
    if (ids.length > 0) {
      await tx.unsafe(`UPDATE kv_store k SET value = k.value || ${KV_PATCH} FROM products p WHERE p.id = ANY($1::int[]) AND k.key = 'product:' || p.id`, [ids]);
    }
    const imported = await tx`DELETE FROM imported_products`;
    const jobs = await tx`DELETE FROM jobs WHERE status IN ('succeeded', 'failed')`;
    const usage = await tx`DELETE FROM usage_counters`;
    await tx`DELETE FROM usage_flushes`;
    const [boss] = await tx<{ present: boolean }[]>`SELECT to_regclass('pgboss.archive') IS NOT NULL AS present`;
    if (boss?.present) {
      await tx.unsafe(`DELETE FROM pgboss.job WHERE name = $1 AND state IN ('completed', 'failed', 'cancelled')`, [IMPORT_QUEUE]);
      await tx.unsafe(`DELETE FROM pgboss.archive WHERE name = $1`, [IMPORT_QUEUE]);
    }
    return { products: ids.length, importedRows: imported.count, jobs: jobs.count, usageCounters: usage.count };
  });
}

/**
 * The harness's maintenance is not a measured request: at 1M products a restore or a checksum
 * walks millions of rows for seconds, past the statement timeout the API sets for its requests.
 */
export async function liftStatementTimeout(tx: TransactionSql): Promise<void> {
  await tx.unsafe('SET LOCAL statement_timeout = 0');
}

/** Import jobs not yet finished (queued or running): what a reset and the next run must wait for. */
export async function pendingImportJobs(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM jobs WHERE status IN ('queued', 'running')`;
  return row?.n ?? 0;
}
