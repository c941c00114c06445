import { performance } from 'node:perf_hooks';
import type { Sql } from 'postgres';
import { currentMetrics, type RequestMetrics } from '../http/request-metrics.ts';
import type { CircuitBreaker } from '../lib/circuit-breaker.ts';
import { DatabaseUnavailableError, isConnectionError } from './connection-errors.ts';

interface ExecutableQuery {
  executed: boolean;
  /** postgres.js sets it to the backend ({ pid, secret }) of the connection the query was sent on. */
  state: { pid: number | null; secret: number | null } | null;
  handle(): Promise<void>;
  cancel(): unknown;
  reject(error: unknown): void;
}

/**
 * The backends this client has sent statements on. postgres.js opens each connection with a
 * `pg_type` lookup of its own (`fetch_types`, on by default; its array types), which never
 * passes through the client's API: the first statement seen on a backend stands for it.
 * pid + secret (the cancel key) name a backend uniquely even when the OS reuses a pid.
 */
class Backends {
  private seen = new Set<string>();
  constructor(private readonly fetchesTypes: boolean) {}

  /** Statements postgres.js sent on its own before this one: 1 on a connection not seen before, else 0. */
  setupStatements(state: NonNullable<ExecutableQuery['state']>): number {
    const key = `${state.pid}:${state.secret}`;
    if (this.seen.has(key)) return 0;
    this.seen.add(key);
    return this.fetchesTypes ? 1 : 0;
  }
}

/**
 * Wraps a postgres.js client so every statement it sends is counted against the request that
 * created it (and its time summed). postgres.js's `debug` hook fires on the connection, outside
 * the caller's async context, and makes every query capture a stack, so counting happens here
 * instead: a query counts once it completes, failed or not, if it was sent on a connection
 * (a query rejected before that, e.g. by an ended pool, sent nothing). The `pg_type` lookup a
 * new connection runs first counts for the request whose statement opened it, and BEGIN and
 * COMMIT/ROLLBACK of `begin()` count too, as pg_stat_statements records them.
 *
 * With a `breaker`, a request's query fails fast (DatabaseUnavailableError → 503) while the
 * database is known to be down, and its outcome tells the breaker. When the request's
 * `signal` aborts (timeout, client gone), its running queries are cancelled server-side, so
 * abandoned work does not keep the pool busy after the caller stopped waiting.
 */
export function countedSql(target: Sql, breaker?: CircuitBreaker): Sql {
  return counted(target, new Backends(target.options.fetch_types !== false), breaker);
}

function counted(target: Sql, backends: Backends, breaker: CircuitBreaker | undefined): Sql {
  return new Proxy(target, {
    apply(fn, thisArg, args: unknown[]) {
      const result: unknown = Reflect.apply(fn, thisArg, args);
      const first = args[0] as { raw?: unknown } | undefined;
      if (first && Array.isArray(first.raw)) instrument(result as ExecutableQuery, backends, breaker);
      return result;
    },
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      switch (prop) {
        case 'unsafe':
        case 'file':
          return (...args: unknown[]) => instrument(Reflect.apply(value, obj, args) as ExecutableQuery, backends, breaker);
        case 'begin':
          return (...args: unknown[]) => countedBegin(value as (...a: unknown[]) => Promise<unknown>, obj, args, backends, breaker);
        case 'savepoint':
          return (...args: unknown[]) => countedSavepoint(value as (...a: unknown[]) => Promise<unknown>, obj, args, backends, breaker);
        default:
          return value;
      }
    },
  });
}

function instrument<Q extends ExecutableQuery>(query: Q, backends: Backends, breaker: CircuitBreaker | undefined): Q {
  // outside a request too: a connection a worker opened is not new to the next request using it
  const metrics = currentMetrics();
  const original = query.handle;
  query.handle = function handle(this: Q) {
    if (!this.executed) {
      if (metrics && (metrics.signal?.aborted || (breaker && !breaker.allow()))) {
        // never sent, so never counted
        this.executed = true;
        this.reject(metrics.signal?.aborted ? metrics.signal.reason : new DatabaseUnavailableError());
        return Promise.resolve();
      }
      const start = performance.now();
      // only a query already on a started connection can be cancelled: postgres.js leaves one
      // cancelled while its connection still starts up pending forever (a new connection per request)
      const cancel = () => {
        if (this.state?.pid) void Promise.resolve(this.cancel()).catch(() => {});
      };
      metrics?.signal?.addEventListener('abort', cancel, { once: true });
      const settle = (error?: unknown) => {
        metrics?.signal?.removeEventListener('abort', cancel);
        // a query the request's own abort cut short says nothing about the database
        if (breaker && metrics && !metrics.signal?.aborted) {
          if (error === undefined || !isConnectionError(error)) breaker.succeed();
          else breaker.fail(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`.trim());
        }
        if (!this.state) return;
        const statements = backends.setupStatements(this.state) + 1;
        if (!metrics) return;
        metrics.queries += statements;
        metrics.dbMs += performance.now() - start;
      };
      // Promise.prototype.then, not the Query's own then(), which would re-enter handle()
      Promise.prototype.then.call(this, () => settle(), (error: unknown) => settle(error ?? 'unknown'));
    }
    return original.call(this);
  };
  return query;
}

async function countedBegin(begin: (...a: unknown[]) => Promise<unknown>, sql: Sql, args: unknown[], backends: Backends, breaker: CircuitBreaker | undefined): Promise<unknown> {
  const fnIndex = typeof args[0] === 'function' ? 0 : 1;
  const fn = args[fnIndex] as (tx: Sql) => unknown;
  const wrapped = [...args];
  wrapped[fnIndex] = (tx: Sql) => fn(counted(tx, backends, breaker));
  return countTransaction(currentMetrics(), () => begin.apply(sql, wrapped));
}

async function countedSavepoint(savepoint: (...a: unknown[]) => Promise<unknown>, tx: Sql, args: unknown[], backends: Backends, breaker: CircuitBreaker | undefined): Promise<unknown> {
  const fnIndex = typeof args[0] === 'function' ? 0 : 1;
  const fn = args[fnIndex] as (inner: Sql) => unknown;
  const wrapped = [...args];
  wrapped[fnIndex] = (inner: Sql) => fn(counted(inner, backends, breaker));
  const metrics = currentMetrics();
  if (metrics) metrics.queries += 1; // SAVEPOINT; success sends nothing, failure a ROLLBACK TO
  try {
    return await savepoint.apply(tx, wrapped);
  } catch (error) {
    if (metrics) metrics.queries += 1;
    throw error;
  }
}

async function countTransaction(metrics: RequestMetrics | undefined, run: () => Promise<unknown>): Promise<unknown> {
  if (metrics) metrics.queries += 1; // BEGIN
  try {
    return await run();
  } finally {
    if (metrics) metrics.queries += 1; // COMMIT or ROLLBACK
  }
}
