import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownRedisDb } from '../test-support/own-redis-db.ts';
import { readFixtures, type Fixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import type { App } from '../comparisons/types.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { stateChecksum } from '../state/state-checksum.ts';
import { requestVariant, testConfig, tokenFor } from '../test-support/index.ts';

// writes products, kv_store, imports and jobs: a seeded database (and a Redis db) of its own

let scratch: ScratchDatabase;
let runtime: Runtime;
let app: App;
let fixtures: Fixtures;
let tenant: TenantFixtures;

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: ownRedisDb('harness-routes') }));
  app = createApp(runtime.deps);
  fixtures = await readFixtures(scratch.fixturesPath!);
  tenant = fixtures.tenants[0]!;
});
afterAll(async () => {
  await runtime?.close();
  await scratch?.drop();
});

const harness = async (method: 'GET' | 'POST', path: string, body?: unknown, token = tokenFor(tenant, 'admin')) => {
  const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};

describe('POST /__reset', () => {
  it('answers the seeded state checksum, and puts products, kv_store, imports and jobs back after writes of both variants', async () => {
    const seeded = fixtures.fingerprint.stateChecksum;
    expect(seeded).toMatch(/^products:\d+:/);
    const first = await harness('POST', '/__reset');
    expect(first.status).toBe(200);
    expect(first.body.checksum).toBe(seeded);

    const [a, b] = tenant.hotProductIds as [number, number];
    for (const variant of ['naive', 'optimized'] as const) {
      const patched = await requestVariant(app, variant, `/products/${variant === 'naive' ? a : b}`, { method: 'PATCH', body: { stock: 4321, name: 'Changed' }, token: tokenFor(tenant, 'editor') });
      expect(patched.status).toBe(200);
    }
    const rows = Array.from({ length: 3 }, (_, i) => ({ sku: `reset-${i}`, name: `Reset ${i}`, priceCents: 100, stock: 1 }));
    expect((await requestVariant(app, 'naive', '/imports/products', { method: 'POST', body: { rows }, token: tokenFor(tenant, 'editor') })).status).toBe(201);
    await runtime.deps.sql`INSERT INTO jobs (tenant_id, kind, total, processed, status) VALUES (${tenant.id}, 'bulk-import', 3, 3, 'succeeded')`;
    expect(await stateChecksum(runtime.deps.sql)).not.toBe(seeded);

    const imports = await harness('GET', '/__imports');
    expect(imports.body).toMatchObject({ pendingJobs: 0, rows: 3, jobs: 1 });

    const reset = await harness('POST', '/__reset');
    expect(reset.body.restored).toEqual({ products: 2, importedRows: 3, jobs: 1, usageCounters: 0 });
    expect(reset.body.checksum).toBe(seeded);
    expect(await stateChecksum(runtime.deps.sql)).toBe(seeded);
  });

  it('refuses with 409 while an import job is queued, naming how many', async () => {
    const [job] = await runtime.deps.sql<{ id: string }[]>`INSERT INTO jobs (tenant_id, kind, total) VALUES (${tenant.id}, 'bulk-import', 5) RETURNING id`;
    try {
      const refused = await harness('POST', '/__reset');
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/^1 import job\(s\) still queued/);
      expect((await harness('GET', '/__imports')).body.pendingJobs).toBe(1);
    } finally {
      await runtime.deps.sql`DELETE FROM jobs WHERE id = ${job!.id}`;
    }
  });

  it('empties the cache only when asked', async () => {
    await runtime.deps.cache.set('left-by-an-earlier-run', 'x', 60);
    expect((await harness('POST', '/__reset', {})).body.cacheKeysDeleted).toBeNull();
    expect(await runtime.deps.cache.get('left-by-an-earlier-run')).toBe('x');
    const flushed = await harness('POST', '/__reset', { flushCache: true });
    expect(flushed.body.cacheKeysDeleted).toBeGreaterThanOrEqual(1);
    expect(await runtime.deps.cache.keys('*')).toEqual([]);
  });

  it('needs an admin token and a well-formed body', async () => {
    expect((await harness('POST', '/__reset', {}, tokenFor(tenant, 'viewer'))).status).toBe(403);
    expect((await harness('POST', '/__reset', { flush: true })).status).toBe(400);
  });
});
