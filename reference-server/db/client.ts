import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import type { Config } from '../config.ts';
import * as schema from './schema.ts';
import { countedSql } from './counted-sql.ts';
import { createCircuitBreaker, type CircuitBreaker } from '../lib/circuit-breaker.ts';
import { preparingClient } from './prepared.ts';

export type Schema = typeof schema;
/** Drizzle over the counted client: every statement it runs is prepared and shows up in X-Query-Count. */
export type Db = PostgresJsDatabase<Schema>;
export type { Sql };

/** The pool, Drizzle over it, and a factory for one-off connections; all counted per request. */
export interface Database {
  sql: Sql;
  db: Db;
  /** A NEW counted client with a single connection; the caller must `end()` it. */
  connect(): Sql;
  /** Open while Postgres is unreachable: request queries fail fast with 503 instead of waiting. */
  breaker: CircuitBreaker;
  close(): Promise<void>;
}

type DbConfig = Pick<Config, 'databaseUrl' | 'dbPoolMax' | 'statementTimeoutMs'> & Partial<Pick<Config, 'dbConnectTimeoutSec'>>;

function clientOptions(config: DbConfig, max: number): postgres.Options<Record<string, never>> {
  return {
    max,
    // server-side so raw SQL and Drizzle agree on dates; the parity tests depend on it
    connection: { TimeZone: 'UTC', statement_timeout: config.statementTimeoutMs, application_name: 'perflab-api' },
    onnotice: () => {},
    idle_timeout: 60,
    // an unreachable or hung server fails a request in seconds, not the default 30 s
    connect_timeout: config.dbConnectTimeoutSec ?? 2,
    // postgres.js backs off up to 20 s between reconnects by default: recovery would lag the
    // database by that much. The breaker already keeps load off a dead server, so stay eager.
    backoff: (retries: number) => Math.min(0.05 * retries, 0.5),
  };
}

/** One log line when Postgres goes away, one when it is back: never one per request. */
export function createDatabaseBreaker(log: (line: string) => void = (line) => console.error(line)): CircuitBreaker {
  return createCircuitBreaker({
    failureThreshold: 1,
    coolOffMs: 500,
    onStateChange: (state, reason) =>
      log(state === 'open' ? `database: unreachable (${reason}); answering 503 until it is back` : `database: reachable again`),
  });
}

/**
 * Opens the shared pool. `drizzle()` replaces the client's timestamp parsers with identity
 * functions, so raw queries on `sql` return timestamps as strings such as
 * `2024-01-31 22:25:49.842+00`: pass them through `toIsoTimestamp` before they reach JSON.
 */
export function createDatabase(config: DbConfig): Database {
  const raw = postgres(config.databaseUrl, clientOptions(config, config.dbPoolMax));
  const breaker = createDatabaseBreaker();
  const sql = countedSql(raw, breaker);
  // prepared like the tagged templates, so no comparison also measures "prepared or not"
  const db = drizzle(preparingClient(sql), { schema });
  return {
    sql,
    db,
    breaker,
    connect: () => countedSql(postgres(config.databaseUrl, clientOptions(config, 1)), breaker),
    close: () => raw.end({ timeout: 5 }),
  };
}

/** Normalises a timestamptz from any client path (Date, or the string Drizzle leaves) to `toISOString()` form. */
export function toIsoTimestamp(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  // '2024-01-31 22:25:49.842+00' and '…T…+00:00' both parse once the offset has minutes
  const normalised = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) throw new Error(`unparseable timestamp: ${value}`);
  return date.toISOString();
}
