import postgres from 'postgres';
import { UsageError } from '../../lib/usage-error.ts';
import { redactUrl } from '../env/postgres.ts';
import type { StatementCount } from './statement-deltas.ts';

/** How to enable the extension, in the one line the user sees when it is missing. */
export const ENABLE_HINT = "add pg_stat_statements to shared_preload_libraries (postgresql.conf or -c shared_preload_libraries=pg_stat_statements), restart Postgres, then run CREATE EXTENSION pg_stat_statements in that database";

/**
 * What is left out of every count: perflab's own reads (the one query below, on a connection that
 * runs nothing else: no type lookup) and any statement that reads pg_stat_statements, whoever sent it.
 */
export const EXCLUDED = "perflab's own snapshot reads and every statement that mentions pg_stat_statements";

// grouped per role and queryid: toplevel and nested rows of one statement are one entry
const SNAPSHOT = `
SELECT s.userid::text || ':' || coalesce(s.queryid::text, '') AS key, min(s.query) AS query, sum(s.calls)::float8 AS calls
FROM pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND s.query NOT ILIKE '%pg_stat_statements%'
GROUP BY s.userid, s.queryid`;

/** A connection to the API's database that reads pg_stat_statements snapshots. */
export interface StatementReader {
  snapshot(): Promise<StatementCount[]>;
  close(): Promise<void>;
}

/**
 * Connects and reads one snapshot; a database without the extension is a UsageError (exit 2)
 * with how to enable it: the user asked for statement counts, so the run does not go on without.
 */
export async function openStatementReader(databaseUrl: string): Promise<StatementReader> {
  const sql = postgres(databaseUrl, { max: 1, fetch_types: false, onnotice: () => {}, connect_timeout: 10, prepare: true });
  const snapshot = async () => (await sql.unsafe<StatementCount[]>(SNAPSHOT)).map((r) => ({ key: r.key, query: r.query, calls: Number(r.calls) }));
  try {
    await snapshot();
  } catch (error) {
    await sql.end({ timeout: 1 });
    const { code, message } = error as { code?: string; message: string };
    // 42P01: the view does not exist (no CREATE EXTENSION); 55000: the library is not preloaded
    if (code === '42P01' || code === '55000') throw new UsageError(`--database-url ${redactUrl(databaseUrl)}: pg_stat_statements is not available (${message}): ${ENABLE_HINT}`);
    throw new UsageError(`--database-url ${redactUrl(databaseUrl)}: cannot read pg_stat_statements: ${message}`);
  }
  return { snapshot, close: () => sql.end({ timeout: 2 }) };
}
