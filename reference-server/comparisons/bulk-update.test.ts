import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import type { App } from '../comparisons/types.ts';
import { requestBoth, requestVariant, seededRandom, testConfig, tokenFor } from '../test-support/index.ts';

// it writes orders (and one test corrupts totals on purpose), so it runs on a seeded database of its own
let scratch: ScratchDatabase;
let runtime: Runtime;
let app: App;
let tenants: TenantFixtures[];

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url }));
  app = createApp(runtime.deps);
  tenants = (await readFixtures(scratch.fixturesPath!)).tenants;
});
afterAll(async () => {
  await runtime?.close();
  await scratch?.drop();
});

const recompute = (variant: 'naive' | 'optimized', body: unknown, tenant: TenantFixtures, role: 'editor' | 'viewer' = 'editor') =>
  requestVariant(app, variant, '/orders/recompute-totals', { method: 'POST', body, token: tokenFor(tenant, role) });

/** A checksum of every order's total, so "same state" is one comparison. */
async function totalsChecksum(): Promise<string> {
  const [row] = await runtime.deps.sql<{ sum: string }[]>`SELECT md5(string_agg(id || ':' || total_cents, ',' ORDER BY id)) AS sum FROM orders`;
  return row!.sum;
}

async function ordersIn(tenantId: number, from: string, to: string): Promise<number> {
  const [row] = await runtime.deps.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM orders WHERE tenant_id = ${tenantId} AND created_at >= ${from}::date AND created_at < ${to}::date + 1`;
  return row!.n;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('bulk-update', () => {
  it('answers equal JSON from both variants over 16 seeded windows and leaves the seeded totals as they were', async () => {
    const before = await totalsChecksum();
    const random = seededRandom(19);
    for (let i = 0; i < 16; i++) {
      const tenant = tenants[Math.floor(random() * tenants.length)]!;
      const span = { from: Date.parse(tenant.orderDates.from), to: Date.parse(tenant.orderDates.to) };
      const start = span.from + Math.floor(random() * (span.to - span.from));
      const body = { from: day(start), to: day(start + Math.floor(random() * 60) * 86_400_000) };
      const naive = await recompute('naive', body, tenant);
      const optimized = await recompute('optimized', body, tenant);
      expect([naive.status, optimized.status], JSON.stringify(body)).toEqual([200, 200]);
      expect(optimized.text).toBe(naive.text);
      expect(naive.body.updated).toBe(await ordersIn(tenant.id, body.from, body.to));
    }
    expect(await totalsChecksum()).toBe(before);
  });

  it('repairs totals that drifted from their lines the same way on both sides, only in the window and tenant asked for', async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    const window = { from: day(Date.parse(a.orderDates.to) - 30 * 86_400_000), to: day(Date.parse(a.orderDates.to)) };
    const seeded = await totalsChecksum();
    for (const variant of ['naive', 'optimized'] as const) {
      await runtime.deps.sql`UPDATE orders SET total_cents = total_cents + 1 WHERE tenant_id IN (${a.id}, ${b.id})`;
      const drifted = await runtime.deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM orders WHERE tenant_id IN (${a.id}, ${b.id})`;
      const res = await recompute(variant, window, a);
      expect(res.body.updated).toBe(await ordersIn(a.id, window.from, window.to));
      const [wrong] = await runtime.deps.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM orders o
        WHERE o.tenant_id IN (${a.id}, ${b.id}) AND o.total_cents <> (SELECT coalesce(sum(quantity * unit_price_cents), 0) FROM order_items WHERE order_id = o.id)`;
      expect(wrong!.n, variant).toBe(drifted[0]!.n - res.body.updated);
      await runtime.deps.sql`UPDATE orders o SET total_cents = (SELECT coalesce(sum(quantity * unit_price_cents), 0) FROM order_items WHERE order_id = o.id) WHERE tenant_id IN (${a.id}, ${b.id})`;
    }
    expect(await totalsChecksum()).toBe(seeded);
  });

  it('sends 1 statement on both sides', async () => {
    const tenant = tenants[0]!;
    const body = { from: day(Date.parse(tenant.orderDates.to) - 20 * 86_400_000), to: day(Date.parse(tenant.orderDates.to)) };
    expect((await recompute('naive', body, tenant)).queryCount).toBe(1);
    expect((await recompute('optimized', body, tenant)).queryCount).toBe(1);
  });

  it('finishes concurrent overlapping recomputes without a deadlock', async () => {
    const tenant = tenants[0]!;
    const to = Date.parse(tenant.orderDates.to);
    const bodies = Array.from({ length: 8 }, (_, i) => ({ from: day(to - (10 + i * 5) * 86_400_000), to: day(to - i * 3 * 86_400_000) }));
    const answers = await Promise.all(bodies.map((body, i) => recompute(i % 2 ? 'naive' : 'optimized', body, tenant)));
    expect(answers.map((r) => r.status)).toEqual(bodies.map(() => 200));
  });

  it('refuses viewers (403), strangers (401) and bad windows (400) without writing', async () => {
    const tenant = tenants[0]!;
    const before = await totalsChecksum();
    const { naive, optimized } = await requestBoth(app, '/orders/recompute-totals', { method: 'POST', body: { from: '2026-01-01', to: '2026-01-02' }, token: tokenFor(tenant, 'viewer') });
    expect([naive.status, optimized.status]).toEqual([403, 403]);
    for (const [body, message] of [
      [{ from: '2026-02-01', to: '2026-01-01' }, /from must not be after to/],
      [{ from: '2025-01-01', to: '2025-12-31' }, /must not exceed 92 days/],
      [{ from: '2026-02-30', to: '2026-03-01' }, /real calendar date/],
      [{ from: '2026-01-01' }, /to/],
      [{ from: '2026-01-01', to: '2026-01-02', extra: 1 }, /unknown field 'extra'/],
    ] as const) {
      for (const variant of ['naive', 'optimized'] as const) {
        const res = await recompute(variant, body, tenant);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
    }
    expect(await totalsChecksum()).toBe(before);
  });
});
