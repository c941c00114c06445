import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { requireOrSkip } from '../../bench/test-support/test-requirements.ts';
import { listenApi, type RunningServer } from '../server.ts';
import { tenantAt, testConfig, tokenFor } from '../test-support/index.ts';

/**
 * The TechEmpower check: over a burst through a real server, the sum of X-Query-Count equals
 * the `calls` pg_stat_statements recorded. The server logs in as a role of its own, so other
 * test files sharing the database cannot pollute the count.
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
        AND s.query NOT LIKE '%pg_catalog.pg_type%'`;
    expect(responses).toBe(120);
    expect(reported).toBeGreaterThan(120);
    expect(Number(row?.calls)).toBe(reported);
  });
});
