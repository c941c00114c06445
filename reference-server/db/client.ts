import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import type { Config } from '../config.ts';
import * as schema from './schema.ts';
import { countedSql } from './counted-sql.ts';
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
  close(): Promise<void>;
}

type DbConfig = Pick<Config, 'databaseUrl' | 'dbPoolMax' | 'statementTimeoutMs'>;

function clientOptions(config: DbConfig, max: number): postgres.Options<Record<string, never>> {
  return {
    max,
    // server-side so raw SQL and Drizzle agree on dates; the parity tests depend on it
    connection: { TimeZone: 'UTC', statement_timeout: config.statementTimeoutMs, application_name: 'perflab-api' },
    onnotice: () => {},
    idle_timeout: 60,
  };
}

/**
 * Opens the shared pool. `drizzle()` replaces the client's timestamp parsers with identity
 * functions, so raw queries on `sql` return timestamps as strings such as
 * `2024-01-31 22:25:49.842+00`: pass them through `toIsoTimestamp` before they reach JSON.
 */
export function createDatabase(config: DbConfig): Database {
  const raw = postgres(config.databaseUrl, clientOptions(config, config.dbPoolMax));
  const sql = countedSql(raw);
  // prepared like the tagged templates, so no comparison also measures "prepared or not"
  const db = drizzle(preparingClient(sql), { schema });
  return {
    sql,
    db,
    connect: () => countedSql(postgres(config.databaseUrl, clientOptions(config, 1))),
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
