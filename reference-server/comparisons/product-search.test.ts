import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import { createTestApp, requestBoth, seededRandom, testFixtures, tokenFor } from '../test-support/index.ts';

const search = (q: string, limit?: number) => `/search?q=${encodeURIComponent(q)}${limit === undefined ? '' : `&limit=${limit}`}`;

describe('product-search', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let fx: Fixtures;
  let sql: postgres.Sql;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await testFixtures();
    sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  /** An oracle without LIKE: plain substring tests, so escaping bugs cannot hide on both sides. */
  async function expectedTotal(tenantId: number, q: string): Promise<number> {
    const [row] = await sql<{ n: number }[]>`
      SELECT count(DISTINCT p.id)::int AS n FROM products p
      LEFT JOIN product_categories pc ON pc.product_id = p.id LEFT JOIN categories c ON c.id = pc.category_id
      WHERE p.tenant_id = ${tenantId} AND (strpos(lower(p.name), lower(${q})) > 0 OR strpos(lower(p.description), lower(${q})) > 0
        OR strpos(lower(p.sku), lower(${q})) > 0 OR strpos(lower(c.name), lower(${q})) > 0)`;
    return row!.n;
  }

  /** Seeded terms: fixture hits and misses, fragments of real names and categories, LIKE metacharacters. */
  async function terms(tenantId: number, random: () => number): Promise<string[]> {
    const names = await sql<{ name: string }[]>`SELECT name FROM products WHERE tenant_id = ${tenantId} ORDER BY id LIMIT 200`;
    const cats = await sql<{ name: string }[]>`SELECT name FROM categories WHERE tenant_id = ${tenantId} ORDER BY id`;
    const fragment = (text: string) => {
      const start = Math.floor(random() * Math.max(1, text.length - 3));
      return text.slice(start, start + 2 + Math.floor(random() * 8));
    };
    return [
      fragment(names[Math.floor(random() * names.length)]!.name),
      fragment(names[Math.floor(random() * names.length)]!.name).toUpperCase(),
      fragment(cats[Math.floor(random() * cats.length)]!.name),
    ];
  }

  it('answers byte-equal JSON from both variants, matching a LIKE-free oracle, for 30 seeded terms', async () => {
    const random = seededRandom(5301);
    const cases: { tenantIndex: number; q: string; limit: number }[] = [];
    for (const [tenantIndex, tenant] of fx.tenants.entries()) {
      const fixed = [...tenant.searchTerms.hit.slice(0, 3), ...tenant.searchTerms.miss.slice(0, 1), '%%', '_a', 'a_', '\\%', "O'R", 'SKU-'];
      for (const q of [...fixed, ...(await terms(tenant.id, random))]) {
        cases.push({ tenantIndex, q, limit: 1 + Math.floor(random() * 100) });
      }
    }
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const { tenantIndex, q, limit } of cases) {
      const tenant = fx.tenants[tenantIndex]!;
      const { naive, optimized } = await requestBoth(t.app, search(q, limit), { token: tokenFor(tenant) });
      expect(naive.status, `${q}: ${naive.text}`).toBe(200);
      expect(optimized.text, q).toBe(naive.text);
      const total = await expectedTotal(tenant.id, q.trim());
      expect(naive.body.total, q).toBe(total);
      expect(naive.body.items).toHaveLength(Math.min(limit, total));
    }
  });

  it('finds the fixture hit terms and none of the misses', async () => {
    const tenant = fx.tenants[0]!;
    for (const q of tenant.searchTerms.hit) expect((await requestBoth(t.app, search(q), { token: tokenFor(tenant) })).optimized.body.total, q).toBeGreaterThan(0);
    for (const q of tenant.searchTerms.miss) expect((await requestBoth(t.app, search(q), { token: tokenFor(tenant) })).naive.body.total, q).toBe(0);
  });

  it('runs 2 queries on the naive side and 1 on the optimized side whatever the limit', async () => {
    const tenant = fx.tenants[0]!;
    const q = tenant.searchTerms.hit[0]!;
    for (const limit of [1, 20, 100]) {
      const { naive, optimized } = await requestBoth(t.app, search(q, limit), { token: tokenFor(tenant) });
      expect(naive.queryCount).toBe(2);
      expect(optimized.queryCount).toBe(1);
    }
  });

  it('never returns another tenant’s products', async () => {
    const [a, b] = [fx.tenants[0]!, fx.tenants[1]!];
    // SKUs embed the tenant id: tenant a searching b's SKU prefix must find nothing
    const { naive, optimized } = await requestBoth(t.app, search(`SKU-${b.id}-`), { token: tokenFor(a) });
    expect(naive.body).toEqual({ items: [], total: 0 });
    expect(optimized.text).toBe(naive.text);
    const hits = await requestBoth(t.app, search('SKU-', 100), { token: tokenFor(a) });
    const ids = (hits.optimized.body.items as { id: number }[]).map((p) => p.id);
    const owners = await sql<{ tenant_id: number }[]>`SELECT DISTINCT tenant_id FROM products WHERE id = ANY(${ids})`;
    expect(owners.map((o) => o.tenant_id)).toEqual([a.id]);
    expect(hits.optimized.body.total).toBe(a.products);
  });

  it.each([
    ['missing q', '/search'],
    ['1-char q', search('a')],
    ['blank q', search('   ')],
    ['10k-char q', search('x'.repeat(10_000))],
    ['101-char q', search('y'.repeat(101))],
    ['NUL in q', search('ab\0cd')],
    ['limit 0', search('ab', 0)],
    ['limit -1', search('ab', -1)],
    ['limit 101', search('ab', 101)],
    ['huge limit', `${search('ab')}&limit=99999999999999999999`],
    ['limit not a number', `${search('ab')}&limit=ten`],
  ])('rejects %s with 400 on both variants', async (_name, path) => {
    const { naive, optimized } = await requestBoth(t.app, path, { token: tokenFor(fx.tenants[0]!) });
    expect(naive.status, naive.text).toBe(400);
    expect(optimized.status).toBe(400);
    expect(optimized.text).toBe(naive.text);
  });

  it('treats SQL and LIKE metacharacters as plain text', async () => {
    for (const q of [`%_\\'";--`, "'; DROP TABLE products; --", '%', '__']) {
      const { naive, optimized } = await requestBoth(t.app, search(q), { token: tokenFor(fx.tenants[0]!) });
      if (q.trim().length < 2) {
        expect(naive.status).toBe(400);
        continue;
      }
      expect(naive.status, q).toBe(200);
      expect(optimized.text).toBe(naive.text);
      expect(naive.body.total, q).toBe(await expectedTotal(fx.tenants[0]!.id, q));
    }
  });
});
