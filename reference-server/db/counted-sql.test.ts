import { eq, sql as dsql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { currentMetrics, newRequestMetrics, withRequestMetrics } from '../http/request-metrics.ts';
import { createDatabase } from './client.ts';
import { openPool } from './open-pool.ts';
import { tenants } from './schema.ts';

const config = { databaseUrl: inject('databaseUrl'), dbPoolMax: 4, statementTimeoutMs: 5_000 };
const database = createDatabase(config);
// every pool connection opened (and its pg_type lookup run) outside a request, so the figures below are the statements' own
beforeAll(() => openPool(database.sql, config.dbPoolMax));
afterAll(() => database.close());

async function count(fn: () => Promise<unknown>): Promise<number> {
  const metrics = newRequestMetrics();
  // awaited inside the context, as a handler does: Drizzle builders only run when awaited
  await withRequestMetrics(metrics, async () => {
    try {
      await fn();
    } catch {
      // failing statements still count
    }
  });
  return metrics.queries;
}

describe('countedSql', () => {
  const { sql, db } = database;
  const byId = db.select().from(tenants).where(eq(tenants.id, dsql.placeholder('id'))).prepare('counted_sql_test_tenant');

  const cases: [string, () => unknown, number][] = [
    ['a tagged template', () => sql`SELECT 1`, 1],
    ['a template with nested fragments and helpers', () => sql`SELECT ${sql`1`} AS ${sql('one')} WHERE 1 IN ${sql([1, 2])}`, 1],
    ['unsafe', () => sql.unsafe('SELECT 1'), 1],
    ['three queries in parallel', () => Promise.all([sql`SELECT 1`, sql`SELECT 2`, sql.unsafe('SELECT 3')]), 3],
    ['a transaction of two statements (BEGIN and COMMIT count)', () => sql.begin(async (tx) => [await tx`SELECT 1`, await tx`SELECT 2`]), 4],
    ['a failing transaction (BEGIN, the error, ROLLBACK)', () => sql.begin((tx) => tx`SELECT 1/0`), 3],
    ['a savepoint inside a transaction', () => sql.begin((tx) => (tx as unknown as { savepoint: (f: (s: typeof tx) => unknown) => Promise<unknown> }).savepoint((s) => s`SELECT 1`)), 4],
    ['a Drizzle select', () => db.select().from(tenants).limit(1), 1],
    ['a Drizzle prepared statement', () => byId.execute({ id: 1 }), 1],
    ['a query built but never awaited', async () => void sql`SELECT 1`, 0],
    ['a failing statement (it was sent)', () => sql`SELECT 1/0`, 1],
    ['a failing Drizzle statement', () => db.execute(dsql`SELECT 1/0`), 1],
    ['statements of which one fails', () => Promise.allSettled([sql`SELECT 1`, sql`SELECT 1/0`, sql`SELECT 2`]), 3],
  ];
  it.each(cases)('counts %s', async (_name, run, expected) => {
    expect(await count(run as () => Promise<unknown>)).toBe(expected);
  });

  it('attributes concurrent requests to their own counters', async () => {
    const a = newRequestMetrics();
    const b = newRequestMetrics();
    await Promise.all([
      withRequestMetrics(a, async () => {
        for (let i = 0; i < 5; i++) await sql`SELECT ${i}::int`;
      }),
      withRequestMetrics(b, () => Promise.all([sql`SELECT 1`, sql`SELECT 2`])),
    ]);
    expect([a.queries, b.queries]).toEqual([5, 2]);
    expect(a.dbMs).toBeGreaterThan(0);
  });

  it('counts nothing outside a request', async () => {
    const inside = newRequestMetrics();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const request = withRequestMetrics(inside, async () => {
      await sql`SELECT 1`;
      await gate;
      await sql`SELECT 2`;
    });
    // runs while the request above is open, but outside it: no request pays for it
    expect(currentMetrics()).toBeUndefined();
    expect(await sql`SELECT 3 AS n`).toEqual([{ n: 3 }]);
    release();
    await request;
    expect(inside.queries).toBe(2);
  });

  it('gives a one-connection counted client from connect(): its first statement also pays the pg_type lookup', async () => {
    const one = database.connect();
    try {
      expect(await count(() => one`SELECT 1`)).toBe(2);
      expect(await count(() => one`SELECT 1`)).toBe(1);
      expect(one.options.max).toBe(1);
    } finally {
      await one.end();
    }
  });

  it('charges a new pool connection to the request whose statement opened it, and only once', async () => {
    const fresh = createDatabase({ ...config, dbPoolMax: 2 });
    try {
      // two at once open both connections: 2 statements + 2 lookups
      expect(await count(() => Promise.all([fresh.sql`SELECT 1`, fresh.db.execute(dsql`SELECT 2`)]))).toBe(4);
      expect(await count(() => Promise.all([fresh.sql`SELECT 1`, fresh.sql`SELECT 2`]))).toBe(2);
      expect(await count(() => fresh.sql.begin((tx) => tx`SELECT 1`))).toBe(3);
    } finally {
      await fresh.close();
    }
  });

  it('does not charge a request for a connection opened outside one (startup, a worker)', async () => {
    const fresh = createDatabase({ ...config, dbPoolMax: 1 });
    try {
      await fresh.sql`SELECT 1`;
      expect(await count(() => fresh.sql`SELECT 1`)).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('counts what reached Postgres: the lookup of a connection whose first statement fails, not a query refused by an ended pool', async () => {
    const fresh = createDatabase({ ...config, dbPoolMax: 1 });
    expect(await count(() => fresh.sql`SELECT 1/0`)).toBe(2);
    await fresh.close();
    expect(await count(() => fresh.sql`SELECT 1`)).toBe(0);
  });
});
