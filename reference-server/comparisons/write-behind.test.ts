import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import { createMemoryCache } from '../cache/index.ts';
import { openPool } from '../db/open-pool.ts';
import { startApiProcess } from '../test-support/api-process.ts';
import { startRedisProcess, type RedisProcess } from '../test-support/redis-process.ts';
import { requestVariant, testConfig, tokenFor } from '../test-support/index.ts';
import { applyBatch, flushUsage } from '../usage/flush-usage.ts';
import { FLUSHING_KEY, PENDING_KEY, takeBatch } from '../usage/usage-buffer.ts';
import { usageExtension } from '../usage/usage-extension.ts';
import { startUsageFlusher } from '../usage/usage-flusher.ts';
import type { App } from './types.ts';

// it writes usage rows and crashes its Redis on purpose: a database and a redis-server of its own
let scratch: ScratchDatabase;
let redis: RedisProcess;
let runtime: Runtime;
let app: App;
let tenant: TenantFixtures;

beforeAll(async () => {
  [scratch, redis] = await Promise.all([createScratchDatabase(inject('databaseUrl'), { seed: true }), startRedisProcess({ persistent: false })]);
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: redis.url }));
  await openPool(runtime.deps.sql, runtime.deps.config.dbPoolMax);
  app = createApp(runtime.deps);
  tenant = (await readFixtures(scratch.fixturesPath!)).tenants[0]!;
});
afterAll(async () => {
  await runtime?.close();
  await Promise.allSettled([scratch?.drop(), redis?.stop()]);
});

const record = (variant: 'naive' | 'optimized', metric: string) => requestVariant(app, variant, '/usage', { method: 'POST', body: { metric }, token: tokenFor(tenant) });

async function persisted(metric: string): Promise<number> {
  const [row] = await runtime.deps.sql<{ count: string }[]>`SELECT count FROM usage_counters WHERE tenant_id = ${tenant.id} AND metric = ${metric}`;
  return Number(row?.count ?? 0);
}

/** `n` requests, 50 at a time (admission control sheds beyond its 64 + 64). */
async function recordMany(variant: 'naive' | 'optimized', metric: string, n: number): Promise<void> {
  for (let sent = 0; sent < n; sent += 50) {
    const answers = await Promise.all(Array.from({ length: Math.min(50, n - sent) }, () => record(variant, metric)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
  }
}

describe('write-behind', () => {
  it('answers the same JSON on both sides: 1 statement per request naive, 0 optimized', async () => {
    const naive = await record('naive', 'export');
    const optimized = await record('optimized', 'export');
    expect([naive.status, optimized.status]).toEqual([202, 202]);
    expect(optimized.text).toBe(naive.text);
    expect(JSON.parse(naive.text)).toEqual({ metric: 'export', recorded: 1 });
    expect([naive.queryCount, optimized.queryCount]).toEqual([1, 0]);
    await flushUsage(runtime.deps.sql, runtime.deps.cache);
    expect(await persisted('export')).toBe(2);
  });

  it('persists exactly the request count: 300 requests (50 at once) on each side, then a flush of 4 statements', async () => {
    const before = await persisted('api-call');
    await recordMany('naive', 'api-call', 300);
    expect(await persisted('api-call')).toBe(before + 300);
    await recordMany('optimized', 'api-call', 300);
    expect(await persisted('api-call')).toBe(before + 300);
    const outcome = await flushUsage(runtime.deps.sql, runtime.deps.cache);
    expect(outcome).toMatchObject({ requests: 300, applied: true, statements: 4 });
    expect(await persisted('api-call')).toBe(before + 600);
    expect(await flushUsage(runtime.deps.sql, runtime.deps.cache)).toMatchObject({ batchId: null, statements: 0 });
  });

  it('loses nothing when the flushing server dies between any two steps: the batch is handed out again and applied once', async () => {
    const { sql, cache } = runtime.deps;
    const before = await persisted('search');
    await recordMany('optimized', 'search', 40);
    // died after taking the batch, before writing it
    expect((await takeBatch(cache, 'a0000000-0000-4000-8000-000000000001'))?.counts).toEqual([{ tenantId: tenant.id, metric: 'search', count: 40 }]);
    await recordMany('optimized', 'search', 5);
    expect(await flushUsage(sql, cache)).toMatchObject({ batchId: 'a0000000-0000-4000-8000-000000000001', requests: 40, applied: true });
    expect(await persisted('search')).toBe(before + 40);
    // died after committing the batch, before its ack: the next flush sees the id and skips the counts
    const batch = (await takeBatch(cache, 'a0000000-0000-4000-8000-000000000002'))!;
    expect(await applyBatch(sql, batch)).toEqual({ applied: true, statements: 4 });
    expect(await flushUsage(sql, cache)).toMatchObject({ batchId: batch.id, requests: 5, applied: false, statements: 3 });
    expect(await persisted('search')).toBe(before + 45);
    expect(await cache.keys('usage:*')).toEqual([]);
  });

  it('on a crash of a Redis without persistence, loses exactly the counts not yet flushed', async () => {
    const { sql, cache } = runtime.deps;
    const before = await persisted('api-call');
    await recordMany('optimized', 'api-call', 120);
    await flushUsage(sql, cache);
    await recordMany('optimized', 'api-call', 80);
    await redis.crash();
    await redis.restart();
    await until(() => cache.ping());
    expect(await flushUsage(sql, cache)).toMatchObject({ batchId: null });
    expect(await persisted('api-call')).toBe(before + 120);
    await recordMany('optimized', 'api-call', 7);
    await flushUsage(sql, cache);
    expect(await persisted('api-call')).toBe(before + 127);
  });

  it('on a crash of a Redis with appendfsync always, loses nothing', async () => {
    const durable = await startRedisProcess({ persistent: true });
    const other = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: durable.url }));
    try {
      const otherApp = createApp(other.deps);
      const before = await persisted('export');
      const answers = await Promise.all(Array.from({ length: 50 }, () => requestVariant(otherApp, 'optimized', '/usage', { method: 'POST', body: { metric: 'export' }, token: tokenFor(tenant) })));
      expect(answers.every((a) => a.status === 202)).toBe(true);
      await durable.crash();
      await durable.restart();
      await until(() => other.deps.cache.ping());
      expect(await flushUsage(other.deps.sql, other.deps.cache)).toMatchObject({ requests: 50, applied: true });
      expect(await persisted('export')).toBe(before + 50);
    } finally {
      await other.close();
      await durable.stop();
    }
  });

  it('a harness reset drops the pending and unfinished counts (the flusher\'s discard), then empties the counter rows', async () => {
    await recordMany('optimized', 'search', 3);
    await takeBatch(runtime.deps.cache, 'a0000000-0000-4000-8000-000000000003');
    await recordMany('optimized', 'search', 2);
    expect((await runtime.deps.cache.keys('usage:*')).sort()).toEqual([FLUSHING_KEY, PENDING_KEY]);
    runtime.deps.usageFlusher = startUsageFlusher(runtime.deps.sql, runtime.deps.cache, { intervalMs: 3_600_000 });
    try {
      const reset = await app.request('/__reset', { method: 'POST', headers: { authorization: `Bearer ${tokenFor(tenant, 'admin')}` } });
      expect(reset.status).toBe(200);
      expect(((await reset.json()) as { restored: { usageCounters: number } }).restored.usageCounters).toBeGreaterThan(0);
      expect(await runtime.deps.cache.keys('usage:*')).toEqual([]);
      expect(await persisted('search')).toBe(0);
      expect(await runtime.deps.usageFlusher.stop()).toMatchObject({ batchId: null });
    } finally {
      runtime.deps.usageFlusher = undefined;
    }
  });

  it('POST /__usage/flush (admin) flushes now and says what it wrote; others get 403', async () => {
    const before = await persisted('export');
    await recordMany('optimized', 'export', 4);
    const refused = await app.request('/__usage/flush', { method: 'POST', headers: { authorization: `Bearer ${tokenFor(tenant, 'viewer')}` } });
    expect(refused.status).toBe(403);
    const res = await app.request('/__usage/flush', { method: 'POST', headers: { authorization: `Bearer ${tokenFor(tenant, 'admin')}` } });
    expect([res.status, await res.json()]).toEqual([200, expect.objectContaining({ requests: 4, applied: true, statements: 4 })]);
    expect(await persisted('export')).toBe(before + 4);
  });

  it('the extension\'s flusher counts its statements in /__stats as write-behind\'s deferred statements', async () => {
    await usageExtension.start!(runtime.deps);
    try {
      const before = await persisted('export');
      await recordMany('optimized', 'export', 3);
      // this flush or the interval's (1 s) writes the batch: one flush either way
      await runtime.deps.usageFlusher!.flush();
      expect(await persisted('export')).toBe(before + 3);
      const res = await app.request('/__stats', { headers: { authorization: `Bearer ${tokenFor(tenant, 'admin')}` } });
      const stats = (await res.json()) as { comparisons: Record<string, { optimized?: { deferredQueries?: { total: number } } }> };
      expect(stats.comparisons['write-behind']?.optimized?.deferredQueries?.total).toBe(4);
    } finally {
      await usageExtension.stop!(runtime.deps);
    }
  });

  it('a server stopped gracefully (SIGTERM) flushes what it holds before it exits', async () => {
    const before = await persisted('search');
    const api = await startApiProcess({ DATABASE_URL: scratch.url, REDIS_URL: redis.url });
    try {
      for (let i = 0; i < 25; i++) {
        const res = await fetch(`${api.baseUrl}/optimized/usage`, { method: 'POST', headers: { authorization: `Bearer ${tokenFor(tenant)}`, 'content-type': 'application/json' }, body: '{"metric":"search"}' });
        expect(res.status).toBe(202);
      }
    } finally {
      await api.stop();
    }
    expect(await persisted('search')).toBe(before + 25);
    expect(await runtime.deps.cache.keys('usage:*')).toEqual([]);
  });

  it('answers 503 on the optimized side with the in-process cache, and refuses unknown metrics and strangers', async () => {
    const memoryApp = createApp({ ...runtime.deps, cache: createMemoryCache() });
    const res = await requestVariant(memoryApp, 'optimized', '/usage', { method: 'POST', body: { metric: 'export' }, token: tokenFor(tenant) });
    expect([res.status, res.body.error.code]).toEqual([503, 'redis_required']);
    for (const variant of ['naive', 'optimized'] as const) {
      const bad = await requestVariant(app, variant, '/usage', { method: 'POST', body: { metric: 'nope' }, token: tokenFor(tenant) });
      expect(bad.status).toBe(400);
      expect((await requestVariant(app, variant, '/usage', { method: 'POST', body: { metric: 'export' } })).status).toBe(401);
    }
  });
});

async function until(ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await ready()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}
