import { setImmediate as nextTurn } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { requireOrSkip } from '../../bench/test-support/test-requirements.ts';
import { listenApi } from '../server.ts';
import { createTestApp, tenantAt, testConfig, tokenFor } from '../test-support/index.ts';
import type { VariantStats } from './stats.ts';

/**
 * A streamed reply (export-stream) is recorded in /__stats when its body ends: the optimized
 * side's cursor statement completes with its last row, after the headers, and most of its bytes
 * are written after them too. Before, both were read when the headers went out (0 statements
 * for the optimized side, bytes of the first chunk at most).
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
let auth: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ redisUrl: undefined });
  auth = { authorization: `Bearer ${tokenFor(await tenantAt(0))}` };
});
afterAll(() => t.close());

const exportStats = () => t.stats.snapshot().comparisons['export-stream'] ?? {};

describe('streamed replies in /__stats', () => {
  it('counts the cursor statement and every byte once the body is read to its end', async () => {
    t.stats.reset();
    const bytes = { naive: 0, optimized: 0 };
    for (let i = 0; i < 3; i += 1) {
      for (const variant of ['naive', 'optimized'] as const) {
        const res = await t.app.request(`/${variant}/orders/export`, { headers: auth });
        expect(res.status).toBe(200);
        // no header could hold the figure: it is not known when headers go out
        expect(res.headers.get('x-query-count')).toBeNull();
        bytes[variant] += (await res.arrayBuffer()).byteLength;
      }
    }
    await nextTurn();
    const { naive, optimized } = exportStats() as Record<'naive' | 'optimized', VariantStats>;
    expect(bytes.optimized).toBe(bytes.naive);
    for (const [stats, sent] of [
      [naive, bytes.naive],
      [optimized, bytes.optimized],
    ] as const) {
      expect(stats.requests).toBe(3);
      expect(stats.queries).toEqual({ total: 3, perRequest: 1 });
      expect(stats.responseBytes.total).toBe(sent);
    }
  });

  it('records a body the client stopped reading once it is cancelled, and leaves it out of the per-request figures', async () => {
    t.stats.reset();
    const whole = await t.app.request('/optimized/orders/export', { headers: auth });
    await whole.arrayBuffer();
    const cut = await t.app.request('/optimized/orders/export', { headers: auth });
    const reader = cut.body!.getReader();
    await reader.read();
    await nextTurn();
    expect(exportStats().optimized?.requests).toBe(1); // still being sent: not recorded yet
    await reader.cancel();
    await nextTurn();
    const optimized = exportStats().optimized!;
    expect(optimized.requests).toBe(2);
    expect(optimized.queries.perRequest).toBe(1);
  });
});

/**
 * The TechEmpower cross-check for streams: over real HTTP, the statements /__stats counted for
 * export-stream equal the `calls` pg_stat_statements recorded for the server's own role (a
 * cursor read in batches is one call), pg_type lookups of new connections included.
 */
const admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
const role = `perflab_stream_${process.pid}`;
const available = await admin`SELECT 1 FROM pg_stat_statements LIMIT 1`.then(
  () => true,
  () => false,
);
afterAll(async () => {
  if (available) await admin.unsafe(`DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

describe('streamed replies against pg_stat_statements', () => {
  it.skipIf(requireOrSkip('pg_stat_statements', available))('counts per request what Postgres ran, cursor included', async () => {
    await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
    await admin.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'st-${process.pid}'`);
    await admin.unsafe(`GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    const url = new URL(inject('databaseUrl'));
    url.username = role;
    url.password = `st-${process.pid}`;
    const server = await listenApi(testConfig({ databaseUrl: url.toString(), redisUrl: undefined, port: 0, host: '127.0.0.1' }));
    const [oid] = await admin<{ oid: number }[]>`SELECT oid::int FROM pg_roles WHERE rolname = ${role}`;
    await admin`SELECT pg_stat_statements_reset(${oid!.oid}::oid)`;
    try {
      await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const res = await fetch(`${server.url}/${i % 2 ? 'optimized' : 'naive'}/orders/export`, { headers: auth });
          expect(res.status).toBe(200);
          await res.arrayBuffer();
        }),
      );
    } finally {
      await nextTurn();
      // closing the pool guarantees every statement's stats are stored before we read them
      await server.close();
    }
    const counted = server.deps.stats!.snapshot().comparisons['export-stream']!;
    const [row] = await admin<{ calls: string }[]>`
      SELECT coalesce(sum(s.calls), 0) AS calls FROM pg_stat_statements s
      WHERE s.userid = ${oid!.oid}::oid AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(counted.optimized!.queries.perRequest).toBeGreaterThan(0);
    expect(counted.naive!.queries.total + counted.optimized!.queries.total).toBe(Number(row!.calls));
  });
});
