import { performance } from 'node:perf_hooks';
import type { Sql } from 'postgres';
import { currentMetrics, type RequestMetrics } from '../http/request-metrics.ts';
import type { CircuitBreaker } from '../lib/circuit-breaker.ts';
import { DatabaseUnavailableError, isConnectionError } from './connection-errors.ts';

interface ExecutableQuery {
  executed: boolean;
  handle(): Promise<void>;
  cancel(): unknown;
  reject(error: unknown): void;
}

/**
 * Wraps a postgres.js client so every statement it executes is counted against the request
 * that created it (and its time summed). postgres.js's `debug` hook fires on the connection,
 * outside the caller's async context, so counting happens here instead: a query is counted
 * when it is first handed to a connection (`handle()`), which fragments nested in another
 * query never are. BEGIN and COMMIT/ROLLBACK of `begin()` are counted too, as
 * pg_stat_statements records them.
 *
 * With a `breaker`, a request's query fails fast (DatabaseUnavailableError → 503) while the
 * database is known to be down, and its outcome tells the breaker. When the request's
 * `signal` aborts (timeout, client gone), its running queries are cancelled server-side, so
 * abandoned work does not keep the pool busy after the caller stopped waiting.
 */
export function countedSql(target: Sql, breaker?: CircuitBreaker): Sql {
  return new Proxy(target, {
    apply(fn, thisArg, args: unknown[]) {
      const result: unknown = Reflect.apply(fn, thisArg, args);
      const first = args[0] as { raw?: unknown } | undefined;
      if (first && Array.isArray(first.raw)) instrument(result as ExecutableQuery, breaker);
      return result;
    },
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      switch (prop) {
        case 'unsafe':
        case 'file':
          return (...args: unknown[]) => instrument(Reflect.apply(value, obj, args) as ExecutableQuery, breaker);
        case 'begin':
          return (...args: unknown[]) => countedBegin(value as (...a: unknown[]) => Promise<unknown>, obj, args, breaker);
        case 'savepoint':
          return (...args: unknown[]) => countedSavepoint(value as (...a: unknown[]) => Promise<unknown>, obj, args, breaker);
        default:
          return value;
      }
    },
  });
}

function instrument<Q extends ExecutableQuery>(query: Q, breaker: CircuitBreaker | undefined): Q {
  const metrics = currentMetrics();
  if (!metrics) return query;
  const original = query.handle;
  query.handle = function handle(this: Q) {
    if (!this.executed) {
      if (metrics.signal?.aborted || (breaker && !breaker.allow())) {
        this.executed = true;
        this.reject(metrics.signal?.aborted ? metrics.signal.reason : new DatabaseUnavailableError());
        return Promise.resolve();
      }
      metrics.queries += 1;
      const start = performance.now();
      const cancel = () => void Promise.resolve(this.cancel()).catch(() => {});
      metrics.signal?.addEventListener('abort', cancel, { once: true });
      const settle = (error?: unknown) => {
        metrics.dbMs += performance.now() - start;
        metrics.signal?.removeEventListener('abort', cancel);
        if (!breaker) return;
        if (error === undefined || !isConnectionError(error)) breaker.succeed();
        else breaker.fail(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`.trim());
      };
      // Promise.prototype.then, not the Query's own then(), which would re-enter handle()
      Promise.prototype.then.call(this, () => settle(), (error: unknown) => settle(error ?? 'unknown'));
    }
    return original.call(this);
  };
  return query;
}

async function countedBegin(begin: (...a: unknown[]) => Promise<unknown>, sql: Sql, args: unknown[], breaker: CircuitBreaker | undefined): Promise<unknown> {
  const fnIndex = typeof args[0] === 'function' ? 0 : 1;
  const fn = args[fnIndex] as (tx: Sql) => unknown;
  const wrapped = [...args];
  wrapped[fnIndex] = (tx: Sql) => fn(countedSql(tx, breaker));
  return countTransaction(currentMetrics(), () => begin.apply(sql, wrapped));
}

async function countedSavepoint(savepoint: (...a: unknown[]) => Promise<unknown>, tx: Sql, args: unknown[], breaker: CircuitBreaker | undefined): Promise<unknown> {
  const fnIndex = typeof args[0] === 'function' ? 0 : 1;
  const fn = args[fnIndex] as (inner: Sql) => unknown;
  const wrapped = [...args];
  wrapped[fnIndex] = (inner: Sql) => fn(countedSql(inner, breaker));
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
