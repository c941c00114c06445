import type { Hono } from 'hono';
import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Principal } from '../auth/token.ts';
import type { Cache } from '../cache/types.ts';
import type { Config } from '../config.ts';
import type { Db, Sql } from '../db/client.ts';
import type { DeadlineVariables } from '../http/request-deadline.ts';
import type { Stats } from '../http/stats.ts';
import type { TimingVariables } from '../http/timing.ts';
import { contractOf, type ComparisonContract, type ComparisonId } from './contracts.ts';

/** What every variant may use. Built once per server (or test) and shared by all requests. */
export interface Deps {
  /** Drizzle over the counted pool. Prepare (`.prepare('name')`) every query on the optimized side. */
  db: Db;
  /** The counted postgres.js pool; timestamps come back as strings (see toIsoTimestamp). */
  sql: Sql;
  cache: Cache;
  /** A NEW counted postgres.js client with max 1 connection; the caller must `end()` it. */
  connect(): Sql;
  config: Config;
  /** Set by the bulk-import extension when it starts. */
  boss?: PgBoss;
  /** The server's /__stats counters, set by createApp: work finishing after its response (job runs) reports there. */
  stats?: Stats;
}

/** Deps plus the verified caller; every query is scoped to `principal.tenantId`. */
export interface Ctx extends Deps {
  principal: Principal;
  /** Aborted when the request times out: long work stops and says what it did. */
  signal?: AbortSignal;
}

/** What a variant returns; the mount serialises `body` as JSON. */
export interface Reply {
  status?: 200 | 201 | 202;
  body: unknown;
  headers?: Record<string, string>;
}

/** The raw request pieces `input` parses; `query` holds the first value of each parameter. */
export interface RawInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  idempotencyKey: string | undefined;
}

/** The route a comparison is mounted under: its contract's, or any route a test mounts. */
export type RouteContract = Pick<ComparisonContract, 'id' | 'method' | 'route' | 'role'>;

/** The two implementations of one contract, same input, same reply. */
export interface ComparisonParts<I> {
  /** Parses {@link RawInput}; a ZodError becomes a 400 naming the first bad field. */
  input: z.ZodType<I>;
  naive(ctx: Ctx, input: I): Promise<Reply>;
  optimized(ctx: Ctx, input: I): Promise<Reply>;
}

/** One contract, two implementations mounted at /naive<route> and /optimized<route>. */
export interface Comparison<I> extends ComparisonParts<I> {
  contract: RouteContract;
}

/**
 * Binds the two variants to their contract (by id, from contracts.ts: method, route and role
 * are declared there only); `I` is inferred from `input` and both variants are checked against it.
 */
export function defineComparison<I>(contract: ComparisonId | RouteContract, parts: ComparisonParts<I>): Comparison<I> {
  return { contract: typeof contract === 'string' ? contractOf(contract) : contract, ...parts };
}

export type AppEnv = { Variables: TimingVariables & DeadlineVariables };
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
