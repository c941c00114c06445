import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { requireOrSkip } from '../../bench/test-support/test-requirements.ts';
import { readFixtures } from '../../seed/fixtures-schema.ts';
import { createScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { listenApi, type RunningServer } from '../server.ts';
import { tenantAt, testConfig, tokenFor } from '../test-support/index.ts';

/**
 * The TechEmpower check: over a burst through a real server, the sum of X-Query-Count equals
 * the `calls` pg_stat_statements recorded, each new connection's pg_type lookup included. The
 * server logs in as a role of its own, so other test files sharing the database cannot pollute
 * the count. Where the two cannot agree: pg_stat_statements records a statement when it
 * finishes, so a failing one (counted in X-Query-Count: it was sent) is not there; the bursts
 * below send none.
 */
const admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
const role = `perflab_qc_${process.pid}`;
// a DATABASE_URL server may lack pg_stat_statements in shared_preload_libraries; ours always has it
const available = await admin`SELECT 1 FROM pg_stat_statements LIMIT 1`.then(
  () => true,
  () => false,
);

beforeAll(async () => {
  if (!available) return;
  await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
  await admin.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'qc-${process.pid}'`);
  await admin.unsafe(`GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
});

afterAll(async () => {
  if (available) await admin.unsafe(`DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

describe('query accounting', () => {
  it.skipIf(requireOrSkip('pg_stat_statements', available))('matches pg_stat_statements exactly over a burst of requests', async () => {
    const url = new URL(inject('databaseUrl'));
    url.username = role;
    url.password = `qc-${process.pid}`;
    const server: RunningServer = await listenApi(testConfig({ databaseUrl: url.toString(), port: 0, host: '127.0.0.1' }));
    let reported = 0;
    let responses = 0;
    try {
      const [oid] = await admin<{ oid: number }[]>`SELECT oid::int FROM pg_roles WHERE rolname = ${role}`;
      await admin`SELECT pg_stat_statements_reset(${oid!.oid}::oid)`;
      const token = tokenFor(await tenantAt(0));
      const paths = ['/naive/orders?limit=7', '/optimized/orders?limit=30', '/naive/products?limit=10&page=4', '/optimized/products?limit=25', '/ready', '/noop'];
      const burst = Array.from({ length: 120 }, (_, i) => paths[i % paths.length]!);
      for (let i = 0; i < burst.length; i += 8) {
        await Promise.all(
          burst.slice(i, i + 8).map(async (path) => {
            const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
            expect(res.status, path).toBe(200);
            await res.arrayBuffer();
            reported += Number(res.headers.get('x-query-count'));
            responses += 1;
          }),
        );
      }
    } finally {
      // closing the pool guarantees every statement's stats are stored before we read them
      await server.close();
    }
    const [row] = await admin<{ calls: string }[]>`
      SELECT coalesce(sum(s.calls), 0) AS calls
      FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
      WHERE r.rolname = ${role} AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
`;
    expect(responses).toBe(120);
    expect(reported).toBeGreaterThan(120);
    expect(Number(row?.calls)).toBe(reported);
  });
});

/**
 * Writes, transactions, new connections and the job worker, on a seeded scratch database of
 * this test's own (filtered by its dbid) and an in-process cache (the naive PATCH sweeps the
 * keyspace). pg-boss runs on its own pool under the same role: its polling, completion and
 * maintenance statements are nobody's request and are left out by their `pgboss` text, all
 * but the job INSERT the optimized import sends through its own counted transaction.
 */
describe('query accounting of writes, transactions, new connections and deferred job statements', () => {
  it.skipIf(requireOrSkip('pg_stat_statements', available))('matches pg_stat_statements: X-Query-Count summed + the worker\'s deferredQueries', async () => {
    const scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
    let server: RunningServer | undefined;
    try {
      const tenant = (await readFixtures(scratch.fixturesPath!)).tenants[0]!;
      server = await listenApi(testConfig({ databaseUrl: scratch.url, redisUrl: undefined, port: 0, host: '127.0.0.1' }));
      const [db] = await admin<{ oid: number }[]>`SELECT oid::int FROM pg_database WHERE datname = ${new URL(scratch.url).pathname.slice(1)}`;
      await admin`SELECT pg_stat_statements_reset(0, ${db!.oid}::oid, 0)`;
      let reported = 0;
      const call = async (path: string, role: 'viewer' | 'editor', init: RequestInit = {}) => {
        const headers = { authorization: `Bearer ${tokenFor(tenant, role)}`, 'content-type': 'application/json' };
        const res = await fetch(`${server!.url}${path}`, { ...init, headers });
        expect(res.status, path).toBeLessThan(300);
        reported += Number(res.headers.get('x-query-count'));
        return (await res.json()) as { jobId?: string; status?: string };
      };
      const rows = (prefix: string, n: number) => ({ rows: Array.from({ length: n }, (_, i) => ({ sku: `${prefix}-${i}`, name: `qc ${i}`, priceCents: 100 + i, stock: i })) });
      const productId = tenant.hotProductIds[0]!;
      for (let i = 0; i < 3; i++) {
        for (const variant of ['naive', 'optimized']) await call(`/${variant}/products/${productId}`, 'editor', { method: 'PATCH', body: JSON.stringify({ stock: 40 + i }) });
        await call(`/naive/customers/${tenant.customerIds[i]!}`, 'viewer');
        await call('/naive/imports/products', 'editor', { method: 'POST', body: JSON.stringify(rows(`qc-naive-${i}`, 4)) });
      }
      const jobs = await Promise.all([1, 2].map((i) => call('/optimized/imports/products', 'editor', { method: 'POST', body: JSON.stringify(rows(`qc-opt-${i}`, 1500)) })));
      for (const { jobId } of jobs) {
        for (let polls = 0; (await call(`/jobs/${jobId}`, 'viewer')).status !== 'succeeded'; polls++) {
          expect(polls).toBeLessThan(200);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      let deferred = { total: 0, jobs: 0 };
      for (let polls = 0; deferred.jobs < 2 && polls < 100; polls++) {
        const stats = (await (await fetch(`${server.url}/__stats`, { headers: { authorization: `Bearer ${tokenFor(tenant, 'admin')}` } })).json()) as { comparisons: Record<string, { optimized?: { deferredQueries: typeof deferred } }> };
        deferred = stats.comparisons['bulk-import']?.optimized?.deferredQueries ?? deferred;
        if (deferred.jobs < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await server.close();
      server = undefined;
      // toplevel: what clients sent, not what ran inside it (triggers); the job INSERT's deferred
      // foreign key check on "pgboss"."queue" runs at COMMIT as a top-level query and goes with pg-boss's
      const statements = await admin<{ query: string; calls: string }[]>`
        SELECT query, calls FROM pg_stat_statements WHERE dbid = ${db!.oid}::oid AND toplevel`;
      const ours = statements.filter((s) => !s.query.includes('pgboss') || /^\s*INSERT INTO pgboss\.job/i.test(s.query));
      const calls = (text: string) => ours.filter((s) => s.query === text).reduce((sum, s) => sum + Number(s.calls), 0);
      // postgres.js sends COMMIT as a prepared statement, which pg_stat_statements records only on
      // its first execution per connection; nothing here rolls back, so each BEGIN (sent
      // unprepared, always recorded) stands for its COMMIT
      expect(calls('commit')).toBeLessThan(calls('begin'));
      expect(calls('begin')).toBe(3 * 4 + 2 + 2 * 2);
      const recorded = ours.reduce((sum, s) => sum + Number(s.calls), 0) - calls('commit') + calls('begin');
      expect(calls(ours.find((s) => s.query.includes('pg_catalog.pg_type'))?.query ?? '')).toBeGreaterThanOrEqual(3);
      // 1 + 4 per 1000-row batch each: the claim, then BEGIN, progress UPDATE, INSERT, COMMIT
      expect(deferred).toEqual({ total: 2 * (1 + 4 * 2), perRequest: expect.any(Number), jobs: 2 });
      expect(recorded, JSON.stringify({ reported, deferred, ours: ours.map((s) => [s.query.slice(0, 50), s.calls]) })).toBe(reported + deferred.total);
    } finally {
      await server?.close();
      await scratch.drop();
    }
  });
});
