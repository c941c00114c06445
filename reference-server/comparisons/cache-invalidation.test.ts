import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownRedisDb } from '../test-support/own-redis-db.ts';
import { readFixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import type { App } from '../comparisons/types.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { requestBoth, requestVariant, seededRandom, testConfig, tokenFor } from '../test-support/index.ts';

// PATCH writes products, so this file runs on a seeded database (and a Redis db) of its own

let scratch: ScratchDatabase;
let runtime: Runtime;
let app: App;
let tenants: TenantFixtures[];

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: ownRedisDb('cache-invalidation') }));
  app = createApp(runtime.deps);
  tenants = (await readFixtures(scratch.fixturesPath!)).tenants;
});
afterAll(async () => {
  await runtime?.close();
  await scratch?.drop();
});

interface Row {
  name: string;
  price_cents: number;
  stock: number;
  updated_at: string;
}

const row = async (id: number): Promise<Row> =>
  (await runtime.deps.sql<Row[]>`SELECT name, price_cents, stock, updated_at::text FROM products WHERE id = ${id}`)[0]!;
const restore = (id: number, r: Row) =>
  runtime.deps.sql`UPDATE products SET name = ${r.name}, price_cents = ${r.price_cents}, stock = ${r.stock}, updated_at = ${r.updated_at}::timestamptz WHERE id = ${id}`;
const patch = (variant: 'naive' | 'optimized', id: number, body: unknown, tenant: TenantFixtures, role: 'editor' | 'viewer' | 'admin' = 'editor') =>
  requestVariant(app, variant, `/products/${id}`, { method: 'PATCH', body, token: tokenFor(tenant, role) });
const get = (variant: 'naive' | 'optimized', id: number, tenant: TenantFixtures) => requestVariant(app, variant, `/products/${id}`, { token: tokenFor(tenant) });
const withoutUpdatedAt = (text: string) => text.replace(/"updatedAt":"[^"]+"/, '"updatedAt":"…"');

describe('cache-invalidation', () => {
  it('leaves equal database state and answers equal JSON from both variants over 20 seeded writes', async () => {
    const random = seededRandom(7);
    for (let i = 0; i < 20; i++) {
      const tenant = tenants[Math.floor(random() * tenants.length)]!;
      const id = tenant.hotProductIds[Math.floor(random() * tenant.hotProductIds.length)]!;
      const body: Record<string, unknown> = {};
      if (i % 3 !== 1) body.name = `Renamed ${i} ‘${Math.floor(random() * 1e6)}’`;
      if (i % 3 !== 2) body.priceCents = Math.floor(random() * 100_000);
      if (i % 2 === 0) body.stock = Math.floor(random() * 500);
      const original = await row(id);
      const naive = await patch('naive', id, body, tenant);
      const afterNaive = await row(id);
      await restore(id, original);
      const optimized = await patch('optimized', id, body, tenant);
      const afterOptimized = await row(id);
      expect([naive.status, optimized.status], JSON.stringify(body)).toEqual([200, 200]);
      expect(withoutUpdatedAt(optimized.text)).toBe(withoutUpdatedAt(naive.text));
      expect({ ...afterOptimized, updated_at: 0 }).toEqual({ ...afterNaive, updated_at: 0 });
      expect(afterOptimized).toMatchObject({ name: body.name ?? original.name, price_cents: body.priceCents ?? original.price_cents });
      for (const after of [afterNaive, afterOptimized]) expect(new Date(after.updated_at) > new Date(original.updated_at)).toBe(true);
    }
  });

  it('costs both variants the same 1 write statement: only the invalidation differs', async () => {
    const tenant = tenants[0]!;
    const id = tenant.hotProductIds[3]!;
    expect((await patch('naive', id, { stock: 11 }, tenant)).queryCount).toBe(1);
    expect((await patch('optimized', id, { stock: 12 }, tenant)).queryCount).toBe(1);
  });

  it('shows the write at once to readers of either variant, whichever variant wrote', async () => {
    const tenant = tenants[0]!;
    const id = tenant.hotProductIds[4]!;
    let n = 0;
    for (const writer of ['naive', 'optimized', 'naive', 'optimized'] as const) {
      await get('optimized', id, tenant);
      expect((await get('optimized', id, tenant)).headers.get('server-timing')).toContain('cache;desc="hit"');
      const name = `Fresh ${writer} ${n++}`;
      expect((await patch(writer, id, { name }, tenant)).body.product.name).toBe(name);
      const [naive, optimized] = [await get('naive', id, tenant), await get('optimized', id, tenant)];
      expect([naive.body.product.name, optimized.body.product.name], writer).toEqual([name, name]);
      expect(optimized.text).toBe(naive.text);
    }
  });

  it('keeps the KV copy of the catalog equal to the row, so catalog-kv answers the same from both stores', async () => {
    const tenant = tenants[0]!;
    const id = tenant.hotProductIds[7]!;
    for (const [variant, name] of [['naive', 'Renamed by naive'], ['optimized', 'Renamed by optimized']] as const) {
      await patch(variant, id, { name, priceCents: 1234 }, tenant);
      const [kv] = await runtime.deps.sql<{ doc: Record<string, unknown> }[]>`SELECT value AS doc FROM kv_store WHERE key = ${`product:${id}`}`;
      const current = await row(id);
      expect(kv!.doc, variant).toMatchObject({ name, priceCents: 1234, stock: current.stock, updatedAt: new Date(current.updated_at).toISOString() });
    }
    const [position] = await runtime.deps.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM products q, products p
      WHERE p.id = ${id} AND q.tenant_id = p.tenant_id AND (q.created_at, q.id) > (p.created_at, p.id)`;
    const page = await requestBoth(app, `/catalog?limit=3&offset=${Math.max(0, position!.n - 1)}`, { token: tokenFor(tenant) });
    expect(page.naive.text).toContain('Renamed by optimized');
    expect(page.optimized.text).toBe(page.naive.text);
  });

  it('naive wipes every cached product of the tenant; optimized retires only the one it wrote', async () => {
    const tenant = tenants[0]!;
    const [written, bystander] = [tenant.hotProductIds[5]!, tenant.hotProductIds[6]!];
    for (const [writer, bystanderCache] of [['optimized', 'hit'], ['naive', 'miss']] as const) {
      await get('optimized', bystander, tenant);
      await patch(writer, written, { stock: 42 }, tenant);
      expect((await get('optimized', bystander, tenant)).headers.get('server-timing'), writer).toContain(`cache;desc="${bystanderCache}"`);
    }
  });

  it('refuses viewers (403) and strangers (401), and hides other tenants’ products (404) without writing', async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    const id = a.hotProductIds[7]!;
    const before = await row(id);
    for (const variant of ['naive', 'optimized'] as const) {
      expect((await patch(variant, id, { stock: 1 }, a, 'viewer')).status).toBe(403);
      expect((await requestVariant(app, variant, `/products/${id}`, { method: 'PATCH', body: { stock: 1 } })).status).toBe(401);
      const foreign = await patch(variant, id, { stock: 1 }, b, 'admin');
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('not_found');
    }
    expect(await row(id)).toEqual(before);
  });

  it('refuses bad bodies and ids with a 4xx JSON error, never a 5xx, and stores SQL metacharacters verbatim', async () => {
    const tenant = tenants[0]!;
    const id = tenant.hotProductIds[8]!;
    const badBodies: unknown[] = [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(10_000) }, { name: 'a\u0000b' }, { name: 5 },
      { priceCents: -1 }, { priceCents: 1.5 }, { priceCents: 1e20 }, { stock: '5' }, { stock: null }, { extra: 1 }, [], 'null', '{"name":', 'plain text'];
    for (const body of badBodies) {
      const { naive, optimized } = await requestBoth(app, `/products/${id}`, { method: 'PATCH', body, token: tokenFor(tenant, 'editor') });
      for (const res of [naive, optimized]) {
        expect(res.status, JSON.stringify(body).slice(0, 60)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(body).slice(0, 60)).toBeLessThan(500);
      }
    }
    for (const badId of ['0', '-5', 'abc', '99999999999']) expect((await patch('optimized', badId as never, { stock: 1 }, tenant)).status).toBe(400);
    const name = "'; DROP TABLE products; -- %_\\";
    for (const variant of ['naive', 'optimized'] as const) expect((await patch(variant, id, { name }, tenant)).body.product.name).toBe(name);
    expect((await row(id)).name).toBe(name);
  });
});
