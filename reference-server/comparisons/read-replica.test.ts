import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownRedisDb } from '../test-support/own-redis-db.ts';
import { startStreamingReplica, replicaUnavailableReason, type ReplicaHandle } from '../../bench/env/replica.ts';
import { waitForReplay } from '../../bench/env/replica-lag.ts';
import { requireOrSkip } from '../../bench/test-support/test-requirements.ts';
import { readFixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openPool } from '../db/open-pool.ts';
import { createTestApp, requestBoth, requestVariant, testConfig, tokenFor } from '../test-support/index.ts';
import type { App } from './types.ts';

// writes products, so a seeded database of its own (the standby replicates the whole cluster) and a Redis db of its own
const primaryUrl = inject('databaseUrl');
const unavailable = await replicaUnavailableReason(primaryUrl);
const noStandby = requireOrSkip(`a standby of the test Postgres (${unavailable})`, unavailable === null);

let scratch: ScratchDatabase;
let standby: ReplicaHandle;
let runtime: Runtime;
let app: App;
let tenant: TenantFixtures;
let primary: postgres.Sql;
let replica: postgres.Sql;

beforeAll(async () => {
  if (noStandby) return;
  scratch = await createScratchDatabase(primaryUrl, { seed: true });
  standby = await startStreamingReplica(primaryUrl, { slot: `perflab_rr_test_${process.pid}` });
  const replicaUrl = new URL(standby.url);
  replicaUrl.pathname = new URL(scratch.url).pathname;
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, replicaUrl: replicaUrl.toString(), redisUrl: ownRedisDb('read-replica') }));
  await openPool(runtime.deps.sql, 8);
  await openPool(runtime.deps.replica!, 8);
  app = createApp(runtime.deps);
  tenant = (await readFixtures(scratch.fixturesPath!)).tenants[0]!;
  primary = postgres(scratch.url, { max: 1, onnotice: () => {} });
  replica = postgres(replicaUrl.toString(), { max: 1, onnotice: () => {} });
  await waitForReplay(primary, replica);
});
afterAll(async () => {
  await Promise.allSettled([runtime?.close(), primary?.end(), replica?.end()]);
  await standby?.stop();
  await scratch?.drop();
});

const inventory = (variant: 'naive' | 'optimized', id: number, role: 'viewer' | 'editor' = 'viewer', body: unknown = {}) =>
  requestVariant(app, variant, `/products/${id}/inventory`, { method: 'POST', body, token: tokenFor(tenant, role) });
const stockOf = async (sql: postgres.Sql, id: number) => (await sql<{ stock: number }[]>`SELECT stock FROM products WHERE id = ${id}`)[0]!.stock;
const cardCalls = async (sql: postgres.Sql) =>
  Number((await sql<{ n: string }[]>`SELECT coalesce(sum(calls), 0)::text AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND s.query LIKE '%"unitsSold"%'`)[0]!.n);

describe.skipIf(noStandby)('read-replica with a streaming standby', () => {
  it('the standby replays a write on the primary within a bounded wait', async () => {
    const id = tenant.hotProductIds[5]!;
    const before = await stockOf(primary, id);
    await primary`UPDATE products SET stock = ${before + 7} WHERE id = ${id}`;
    await waitForReplay(primary, replica, 10_000);
    expect(await stockOf(replica, id)).toBe(before + 7);
    await primary`UPDATE products SET stock = ${before} WHERE id = ${id}`;
    await waitForReplay(primary, replica, 10_000);
  });

  it('gives byte-equal cards from both variants, reads and writes, matching the primary', async () => {
    for (const id of tenant.hotProductIds.slice(0, 12)) {
      const { naive, optimized } = await requestBoth(app, `/products/${id}/inventory`, { method: 'POST', body: {}, token: tokenFor(tenant) });
      expect(naive.status, `product ${id}`).toBe(200);
      expect(optimized.text, `product ${id}`).toBe(naive.text);
      expect(naive.body).toMatchObject({ id, stock: await stockOf(primary, id) });
    }
    const id = tenant.hotProductIds[1]!;
    const original = await stockOf(primary, id);
    const naive = await inventory('naive', id, 'editor', { stock: 321 });
    const optimized = await inventory('optimized', id, 'editor', { stock: 321 });
    expect(naive.body.stock).toBe(321);
    expect(optimized.text).toBe(naive.text);
    await primary`UPDATE products SET stock = ${original} WHERE id = ${id}`;
    await waitForReplay(primary, replica);
  });

  it('counts statements: 1 per read and 2 per write on both sides; a writer read of an unreplayed write adds the primary read', async () => {
    const id = tenant.hotProductIds[2]!;
    await waitForReplay(primary, replica);
    expect((await inventory('naive', id)).queryCount).toBe(1);
    expect((await inventory('optimized', id)).queryCount).toBe(1);
    expect((await inventory('naive', id, 'editor', { stock: 11 })).queryCount).toBe(2);
    expect((await inventory('optimized', id, 'editor', { stock: 12 })).queryCount).toBe(2);
    await waitForReplay(primary, replica);
    expect((await inventory('optimized', id, 'editor')).queryCount).toBe(1);
    await replica`SELECT pg_wal_replay_pause()`;
    try {
      await inventory('optimized', id, 'editor', { stock: 13 });
      expect((await inventory('optimized', id, 'editor')).queryCount).toBe(2);
    } finally {
      await replica`SELECT pg_wal_replay_resume()`;
    }
    await waitForReplay(primary, replica);
  });

  it('keeps read-your-writes for the writer while the standby lags (replay paused), other readers see the standby', async () => {
    const id = tenant.hotProductIds[3]!;
    const before = await stockOf(primary, id);
    await waitForReplay(primary, replica);
    await replica`SELECT pg_wal_replay_pause()`;
    try {
      const written = await inventory('optimized', id, 'editor', { stock: before + 100 });
      expect(written.body.stock).toBe(before + 100);
      const writerRead = await inventory('optimized', id, 'editor');
      expect(writerRead.status).toBe(200);
      expect(writerRead.body.stock, 'the writer reads its own write at once').toBe(before + 100);
      const viewerRead = await inventory('optimized', id, 'viewer');
      expect(viewerRead.body.stock, 'a viewer is served by the (paused) standby').toBe(before);
    } finally {
      await replica`SELECT pg_wal_replay_resume()`;
    }
    await waitForReplay(primary, replica);
    expect((await inventory('optimized', id, 'viewer')).body.stock).toBe(before + 100);
  });

  it('sends the optimized reads to the standby and the naive reads to the primary (pg_stat_statements on each)', async () => {
    const id = tenant.hotProductIds[4]!;
    const at = async () => ({ primary: await cardCalls(primary), replica: await cardCalls(replica) });
    const start = await at();
    for (let i = 0; i < 5; i++) expect((await inventory('optimized', id)).status).toBe(200);
    const afterOptimized = await at();
    expect(afterOptimized).toEqual({ primary: start.primary, replica: start.replica + 5 });
    for (let i = 0; i < 5; i++) expect((await inventory('naive', id)).status).toBe(200);
    expect(await at()).toEqual({ primary: start.primary + 5, replica: start.replica + 5 });
  });

  it('refuses a write from a viewer (403) and an unknown product (404) on both sides', async () => {
    for (const variant of ['naive', 'optimized'] as const) {
      expect((await inventory(variant, tenant.hotProductIds[0]!, 'viewer', { stock: 1 })).status).toBe(403);
      expect((await inventory(variant, 2_000_000_000)).status).toBe(404);
    }
  });
});

describe('read-replica without a replica', () => {
  it('answers 503 "read replica not configured" on both variants, as JSON', async () => {
    const t = await createTestApp();
    try {
      expect(t.deps.replica).toBeUndefined();
      const tenant0 = (await readFixtures(inject('fixturesPath'))).tenants[0]!;
      for (const variant of ['naive', 'optimized'] as const) {
        const res = await requestVariant(t.app, variant, `/products/${tenant0.hotProductIds[0]}/inventory`, { method: 'POST', body: {}, token: tokenFor(tenant0) });
        expect(res.status).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'replica_unavailable', message: 'read replica not configured' });
      }
    } finally {
      await t.close();
    }
  });

  it('reads PERFLAB_REPLICA_URL as an optional postgres:// URL', () => {
    const env = { DATABASE_URL: 'postgres://p@127.0.0.1:1/db' };
    expect(loadConfig(env).replicaUrl).toBeUndefined();
    expect(loadConfig({ ...env, PERFLAB_REPLICA_URL: '' }).replicaUrl).toBeUndefined();
    expect(loadConfig({ ...env, PERFLAB_REPLICA_URL: 'postgres://r@127.0.0.1:2/db' }).replicaUrl).toBe('postgres://r@127.0.0.1:2/db');
    expect(() => loadConfig({ ...env, PERFLAB_REPLICA_URL: 'mysql://r@host/db' })).toThrow(/invalid PERFLAB_REPLICA_URL: must be a postgres:\/\/ URL/);
  });
});
