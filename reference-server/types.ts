import type { Hono } from 'hono';
import type PgBoss from 'pg-boss';
import type { Cache } from './cache/types.ts';
import type { Config } from './config.ts';
import type { Db, Sql } from './db/client.ts';
import type { DeadlineVariables } from './http/request-deadline.ts';
import type { Stats } from './http/stats.ts';
import type { TimingVariables } from './http/timing.ts';
import type { UsageFlusher } from './usage/usage-flusher.ts';

/** What every variant may use. Built once per server (or test) and shared by all requests. */
export interface Deps {
  /** Drizzle over the counted pool. Prepare (`.prepare('name')`) every query on the optimized side. */
  db: Db;
  /** The counted postgres.js pool; timestamps come back as strings (see toIsoTimestamp). */
  sql: Sql;
  cache: Cache;
  /** A streaming read replica's counted pool (PERFLAB_REPLICA_URL); absent when none is configured. */
  replica?: Sql;
  /** A NEW counted postgres.js client with max 1 connection; the caller must `end()` it. */
  connect(): Sql;
  config: Config;
  /** Set by the bulk-import extension when it starts. */
  boss?: PgBoss;
  /** The server's /__stats counters, set by createApp: work finishing after its response (job runs) reports there. */
  stats?: Stats;
  /** Set by the write-behind extension when it starts (Redis only): flushes usage counts to Postgres. */
  usageFlusher?: UsageFlusher;
}

/** The Hono environment every route shares (per-request timing variables and the request's deadline signal). */
export type AppEnv = { Variables: TimingVariables & DeadlineVariables };
/** The API application the composition root builds. */
export type App = Hono<AppEnv>;

/**
 * Anything beyond the two variants a comparison needs: a shared route (`GET /jobs/:id`) or
 * a background worker (pg-boss). `start` runs once before the server listens and may set
 * fields on deps (e.g. `deps.boss`); `stop` runs on shutdown.
 */
export interface Extension {
  id: string;
  mount?(app: App, deps: Deps): void;
  start?(deps: Deps): Promise<void>;
  stop?(deps: Deps): Promise<void>;
}
