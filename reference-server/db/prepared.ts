import type { Sql } from 'postgres';
import type { Db } from './client.ts';

/**
 * A Drizzle prepared statement built once per database handle (named, with placeholders).
 * Every Drizzle statement is prepared anyway (see {@link preparingClient}); this saves
 * rebuilding the SQL text on every call.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}

type Unsafe = (query: string, params?: unknown[], options?: Record<string, unknown>) => unknown;
type Scoped = (...args: unknown[]) => Promise<unknown>;

/**
 * The client Drizzle runs on: every statement it sends is prepared, as postgres.js tagged
 * templates are. Drizzle sends a query without `.prepare()` as `unsafe(q, params, { prepare:
 * false })`, and postgres.js then describes an unnamed statement before every execution: a
 * round trip more and no pipelining (~10k vs ~30k req/s here). Without this, every Drizzle
 * naive path would also be the unprepared one and each ratio would mix its anti-pattern with
 * "prepared or not". postgres.js caches the statement per connection by its text and types.
 */
export function preparingClient(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      switch (prop) {
        case 'unsafe':
          return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
            (value as Unsafe).call(target, query, params ?? [], { ...options, prepare: true });
        case 'begin':
        case 'savepoint':
          return (...args: unknown[]) => {
            const at = typeof args[0] === 'function' ? 0 : 1;
            const fn = args[at] as (scoped: Sql) => unknown;
            const wrapped = [...args];
            wrapped[at] = (scoped: Sql) => fn(preparingClient(scoped));
            return (value as Scoped).apply(target, wrapped);
          };
        default:
          return value;
      }
    },
  });
}
