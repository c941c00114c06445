import type postgres from 'postgres';
import { liftStatementTimeout } from './restore-writes.ts';

/**
 * The tables the API writes (cache-invalidation: products + kv_store; bulk-import: jobs +
 * imported_products; write-behind: usage_counters + usage_flushes). Every other table is read-only to the API, so its seeded content is what
 * the fingerprint's row counts and load checksum describe.
 */
export const WRITTEN_TABLES = ['products', 'kv_store', 'imported_products', 'jobs', 'usage_counters', 'usage_flushes'] as const;

/**
 * A checksum of the written tables as they are now: per table, the row count and the sum of a
 * 64-bit hash of each row's text (order-free, one sequential scan, no sort). Equal to the seeded
 * set's value exactly when every written row is back as seeded and nothing was added.
 */
export async function stateChecksum(sql: postgres.Sql | postgres.TransactionSql): Promise<string> {
  const selects = WRITTEN_TABLES.map(
    (t) => `SELECT '${t}' AS t, count(*)::text AS n, coalesce(sum(hashtextextended(x::text, 0)::numeric), 0)::text AS h FROM "${t}" x`,
  ).join(' UNION ALL ');
  // outside a transaction: one of its own, so the statement timeout can be lifted for it alone
  const rows = 'begin' in sql
    ? await sql.begin(async (tx) => {
        await liftStatementTimeout(tx);
        return tx.unsafe<{ t: string; n: string; h: string }[]>(selects);
      })
    : await sql.unsafe<{ t: string; n: string; h: string }[]>(selects);
  // a UNION ALL has no order: a parallel append returns its branches as its workers finish them
  const position = (table: string) => WRITTEN_TABLES.indexOf(table as (typeof WRITTEN_TABLES)[number]);
  return rows
    .sort((a, b) => position(a.t) - position(b.t))
    .map((r) => `${r.t}:${r.n}:${r.h}`)
    .join('|');
}

