import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixtures } from '../../seed/fixtures-schema.ts';
import { newRequestMetrics, withRequestMetrics } from '../http/request-metrics.ts';
import { createTestApp, requestBoth, testFixtures, tokenFor } from '../test-support/index.ts';
import comparison, { EXPORT_BATCH_ROWS } from './export-stream.ts';
import type { Reply } from './types.ts';

let t: Awaited<ReturnType<typeof createTestApp>>;
let tenants: TenantFixtures[];

beforeAll(async () => {
  t = await createTestApp();
  tenants = (await testFixtures()).tenants;
});
afterAll(() => t.close());

async function orderCount(tenantId: number): Promise<number> {
  const [row] = await t.deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM orders WHERE tenant_id = ${tenantId}`;
  return row!.n;
}

/** Calls a variant in-process inside a request's metrics and drains its stream: the chunks and every statement it ran. */
async function drain(variant: 'naive' | 'optimized', tenant: TenantFixtures): Promise<{ chunks: string[]; statements: number }> {
  const metrics = newRequestMetrics();
  return withRequestMetrics(metrics, async () => {
    const principal = { tenantId: tenant.id, userId: 1, role: 'viewer' as const };
    const reply: Reply = await comparison[variant]({ ...t.deps, principal } as never, {});
    const chunks: string[] = [];
    for await (const chunk of reply.stream!.chunks) chunks.push(chunk);
    return { chunks, statements: metrics.queries };
  });
}

describe('export-stream', () => {
  it('sends byte-equal bodies from both variants for every tenant: every order of the tenant, ids ascending', async () => {
    for (const tenant of tenants) {
      const { naive, optimized } = await requestBoth(t.app, '/orders/export', { token: tokenFor(tenant) });
      expect([naive.status, optimized.status]).toEqual([200, 200]);
      expect(optimized.headers.get('content-type')).toBe(naive.headers.get('content-type'));
      expect(optimized.text).toBe(naive.text);
      const ids = naive.body.map((o: { id: number }) => o.id);
      expect(ids).toHaveLength(await orderCount(tenant.id));
      expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
      const [foreign] = await t.deps.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM orders WHERE id = ANY(${ids}) AND tenant_id <> ${tenant.id}`;
      expect(foreign!.n).toBe(0);
    }
  });

  it(`runs 1 statement on both sides; naive sends one chunk, optimized one per ${EXPORT_BATCH_ROWS} rows plus the closing bracket`, async () => {
    const tenant = tenants[0]!;
    const n = await orderCount(tenant.id);
    const naive = await drain('naive', tenant);
    const optimized = await drain('optimized', tenant);
    expect([naive.statements, optimized.statements]).toEqual([1, 1]);
    expect(naive.chunks).toHaveLength(1);
    expect(optimized.chunks).toHaveLength(Math.ceil(n / EXPORT_BATCH_ROWS) + 1);
    expect(optimized.chunks.join('')).toBe(naive.chunks[0]);
  });

  it('sends no X-Query-Count on either side: a streamed reply counts its statements in /__stats when its body ends', async () => {
    const { naive, optimized } = await requestBoth(t.app, '/orders/export', { token: tokenFor(tenants[0]!) });
    expect([naive.headers.get('x-query-count'), optimized.headers.get('x-query-count')]).toEqual([null, null]);
  });

  it('answers an empty array for a tenant without orders, the same way on both sides', async () => {
    const none = { ...tenants[0]!, id: 2_000_000 };
    const naive = await drain('naive', none);
    const optimized = await drain('optimized', none);
    expect(naive.chunks.join('')).toBe('[]');
    expect(optimized.chunks.join('')).toBe('[]');
  });

  it('closes the cursor when the client stops reading, leaving the pool usable', async () => {
    const res = await t.app.request('/optimized/orders/export', { headers: { authorization: `Bearer ${tokenFor(tenants[0]!)}` } });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const answers = await Promise.all(Array.from({ length: 16 }, () => t.deps.sql`SELECT 1 AS one`));
    expect(answers).toHaveLength(16);
    const [busy] = await t.deps.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%FROM orders WHERE tenant_id%ORDER BY id%' AND state = 'active' AND pid <> pg_backend_pid()`;
    expect(busy!.n).toBe(0);
  });

  it('answers 401 without a valid token on both variants', async () => {
    const { naive, optimized } = await requestBoth(t.app, '/orders/export', { token: 'x' });
    expect([naive.status, optimized.status]).toEqual([401, 401]);
  });
});
