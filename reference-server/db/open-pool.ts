import type { Sql } from 'postgres';

/**
 * Opens `connections` connections of the pool now, outside any request: each runs its
 * postgres.js `pg_type` lookup here, so no later request's X-Query-Count includes one until
 * the pool closes an idle connection (idle_timeout) and a request opens it again. Queries
 * issued together while none is open each open a connection of their own.
 */
export async function openPool(sql: Sql, connections: number): Promise<void> {
  await Promise.all(Array.from({ length: connections }, () => sql`SELECT 1`));
}
