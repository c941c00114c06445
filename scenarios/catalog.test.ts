import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFixtures, type Fixtures } from '../seed/fixtures-schema.ts';
import { contractOf, contracts } from '../reference-server/comparisons/contracts.ts';
import { comparisons } from '../reference-server/comparisons/index.ts';
import { RATE_LIMIT } from '../reference-server/comparisons/rate-limit.ts';
import { createTestApp } from '../reference-server/test-support/index.ts';
import { catalog, catalogEntry, catalogIds, suiteIds } from './catalog.ts';
import { UNIQUE_PLACEHOLDER, expandRequests, fillUnique } from './expand.ts';
import { createRandom } from './random.ts';
import { buildRequestSpec, fillRoute } from './request-spec.ts';
import type { CatalogEntry, RequestSpec, Variant } from './types.ts';

/** The ids of DESIGN.md's comparison catalog, in its order. */
const DESIGN_IDS = [
  'orders-with-items', 'catalog-kv', 'products-deep-page', 'product-detail-cache', 'product-search',
  'sales-report', 'bulk-import', 'auth-context', 'cache-invalidation', 'connection-per-request',
];
/** Issue 13's comparisons: outside the default run (its 12-minute budget), run with `--suite extended|all`. */
const EXTENDED_IDS = ['missing-index', 'over-fetch', 'bulk-update', 'cache-stampede', 'export-stream', 'read-replica', 'write-behind', 'rate-limit', 'row-level-security'];
const VARIANTS: Variant[] = ['naive', 'optimized'];

let fixtures: Fixtures;
beforeAll(async () => {
  fixtures = await readFixtures(inject('fixturesPath'));
});

/** `/products/:id` → a regex for `/naive/products/123?…` (a param is a path segment of word characters and dashes). */
function routePattern(variant: Variant, route: string): RegExp {
  const body = route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-zA-Z]+/g, '[\\w-]+');
  return new RegExp(`^/${variant}${body}(\\?.*)?$`);
}

describe('catalog', () => {
  it('holds the DESIGN.md comparisons as the core suite, then the extended ones, unique ids, in catalog order', () => {
    expect(suiteIds('core')).toEqual(DESIGN_IDS);
    expect(suiteIds('extended')).toEqual(EXTENDED_IDS);
    expect(catalogIds).toEqual([...DESIGN_IDS, ...EXTENDED_IDS]);
    expect(suiteIds('all')).toEqual(catalogIds);
    expect(new Set(catalogIds).size).toBe(catalogIds.length);
    expect(() => catalogEntry('nope')).toThrow(/unknown comparison 'nope'/);
  });

  it('is one registry: every contract has one catalog entry and one server implementation, bound to that contract', () => {
    expect(catalog.map((e) => e.id)).toEqual(contracts.map((c) => c.id));
    expect(comparisons.map((c) => c.contract.id)).toEqual(contracts.map((c) => c.id));
    for (const comparison of comparisons) expect(comparison.contract).toBe(contractOf(comparison.contract.id));
    for (const entry of catalog) {
      const { id, title, pattern, varies, method, route, role } = entry;
      expect({ id, title, pattern, varies, method, route, role }).toEqual(contractOf(id));
    }
  });

  it.each(contracts.map((c) => [c.id, c] as const))('%s states what it varies and has response checks', (id, contract) => {
    expect(contract.varies.length).toBeGreaterThan(20);
    expect(contract.varies).toMatch(/ vs /);
    expect(Object.keys(catalogEntry(id).checks).length).toBeGreaterThan(0);
  });

  it('fills route params and refuses a route param the builder left out', () => {
    expect(fillRoute('/products/:id', { id: 7 })).toBe('/products/7');
    expect(fillRoute('/a/:x/b/:y', { x: 'a b', y: 2 })).toBe('/a/a%20b/b/2');
    expect(() => fillRoute('/customers/:id', {})).toThrow(/no value for :id/);
  });

  it.each(catalog.map((e) => [e.id, e] as const))('%s builds valid requests from the real fixtures', (_id, entry: CatalogEntry) => {
    expect(entry.load.closed.connections).toBeGreaterThan(0);
    expect(entry.load.open.rate).toBeGreaterThan(0);
    expect(Object.keys(entry.thresholds).length).toBeGreaterThan(0);
    for (const conditions of Object.values(entry.thresholds)) for (const c of conditions) expect(c).toMatch(/^(p\(\d+(\.\d+)?\)|avg|med|max|min|rate|count)\s*[<>]=?\s*[\d.]+$/);
    const tokens = Object.values(fixtures.tenants[0]?.tokens ?? {});
    for (const variant of VARIANTS) {
      const list = expandRequests(entry, variant, fixtures, { count: 50, seed: 7 });
      for (const spec of list) {
        expect(spec.method).toBe(entry.method);
        expect(spec.path).toMatch(routePattern(variant, entry.route));
        expect(tokens).toContain(spec.headers.authorization?.replace(/^Bearer /, ''));
        if (spec.body !== undefined) expect(() => JSON.parse(spec.body as string)).not.toThrow();
        expect(spec.path.length).toBeLessThan(2000);
      }
    }
  });

  it('draws the same keys for both variants from the same seed', () => {
    for (const entry of catalog.filter((e) => e.id !== 'products-deep-page')) {
      const strip = (s: RequestSpec) => ({ ...s, path: s.path.replace(/^\/(naive|optimized)/, '') });
      expect(expandRequests(entry, 'naive', fixtures, { count: 20, seed: 3 }).map(strip)).toEqual(
        expandRequests(entry, 'optimized', fixtures, { count: 20, seed: 3 }).map(strip),
      );
    }
    const deep = catalogEntry('products-deep-page');
    const naive = expandRequests(deep, 'naive', fixtures, { count: 20, seed: 3 });
    const optimized = expandRequests(deep, 'optimized', fixtures, { count: 20, seed: 3 });
    const pages = fixtures.tenants[0]?.deepPages ?? [];
    naive.forEach((spec, i) => {
      const page = Number(new URL(spec.path, 'http://x').searchParams.get('page'));
      const cursor = new URL(optimized[i]?.path ?? '', 'http://x').searchParams.get('cursor');
      expect(pages.find((p) => p.page === page)?.cursor).toBe(cursor);
    });
  });

  it('marks the requests whose keys must not repeat (bulk-import SKUs, rate-limit buckets); fresh contexts never collide', () => {
    const entry = catalogEntry('bulk-import');
    const [spec] = expandRequests(entry, 'naive', fixtures, { count: 1, seed: 1 });
    expect(spec?.uniqueToken).toBe(UNIQUE_PLACEHOLDER);
    const [quota] = expandRequests(catalogEntry('rate-limit'), 'optimized', fixtures, { count: 1, seed: 1 });
    expect(quota?.path).toBe(`/optimized/quota/b-${UNIQUE_PLACEHOLDER}`);
    expect(quota?.uniqueToken).toBe(UNIQUE_PLACEHOLDER);
    const rnd = createRandom(1);
    const skus = ['run1-1-0', 'run1-1-1', 'run1-2-0'].flatMap((unique) =>
      (JSON.parse(buildRequestSpec(entry, 'optimized', fixtures, rnd, { unique }).body ?? '{}').rows as { sku: string }[]).map((r) => r.sku),
    );
    expect(new Set(skus).size).toBe(skus.length);
    for (const e of catalog.filter((x) => x.id !== 'bulk-import' && x.id !== 'rate-limit')) expect(expandRequests(e, 'naive', fixtures, { count: 5, seed: 1 })[0]?.uniqueToken).toBeUndefined();
  });

  it('fills the unique token in the path, the header values and the body, and leaves other requests as they are', () => {
    const spec: RequestSpec = { method: 'POST', path: '/naive/quota/b-T', headers: { 'idempotency-key': 'k-T', authorization: 'Bearer x' }, body: '{"sku":"T-1"}', uniqueToken: 'T' };
    expect(fillUnique(spec, 'u7')).toEqual({ method: 'POST', path: '/naive/quota/b-u7', headers: { 'idempotency-key': 'k-u7', authorization: 'Bearer x' }, body: '{"sku":"u7-1"}' });
    const plain: RequestSpec = { method: 'GET', path: '/naive/products/T', headers: {} };
    expect(fillUnique(plain, 'u7')).toBe(plain);
  });

  it('skews product keys: the hottest id is drawn most', () => {
    const list = expandRequests(catalogEntry('product-detail-cache'), 'naive', fixtures, { count: 2000, seed: 11 });
    const counts = new Map<string, number>();
    for (const s of list) counts.set(s.path, (counts.get(s.path) ?? 0) + 1);
    const hottest = `/naive/products/${fixtures.tenants[0]?.hotProductIds[0]}`;
    expect(Math.max(...counts.values())).toBe(counts.get(hottest));
  });
});

describe('catalog against the real server', () => {
  let server: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    server = await createTestApp();
  });
  afterAll(() => server?.close());

  it.each(contracts.map((c) => [c.id, c] as const))('%s: the server mounts its contract (method, route, least role) on both variants', async (_id, contract) => {
    const lower = contract.role === 'viewer' ? null : 'viewer';
    for (const variant of VARIANTS) {
      const path = `/${variant}${fillRoute(contract.route, { id: 1, bucket: 'b-1' })}`;
      const anonymous = await server.app.request(path, { method: contract.method });
      expect(anonymous.status, `${contract.method} ${path}`).toBe(401);
      if (lower) {
        const res = await server.app.request(path, { method: contract.method, headers: { authorization: `Bearer ${fixtures.tenants[0]?.tokens[lower]}` } });
        expect(res.status, `${contract.method} ${path} as ${lower}`).toBe(403);
      }
    }
  });

  const reads = catalog.filter((e) => e.method === 'GET');
  it.each(reads.map((e) => [e.id, e] as const))('%s: every drawn request answers 2xx on both variants and passes the k6 checks', async (_id, entry: CatalogEntry) => {
    for (const variant of VARIANTS) {
      for (const [index, listed] of expandRequests(entry, variant, fixtures, { count: 8, seed: 5 }).entries()) {
        const spec = fillUnique(listed, `catalog-${variant}-${index}`);
        const res = await server.app.request(spec.path, { method: spec.method, headers: spec.headers, body: spec.body });
        const text = await res.text();
        expect(res.status >= 200 && res.status < 300, `${spec.method} ${spec.path} → ${res.status} ${text.slice(0, 200)}`).toBe(true);
        const body: unknown = JSON.parse(text);
        for (const [name, check] of Object.entries(entry.checks)) expect(check(body), `${spec.path}: ${name}`).toBe(true);
      }
    }
  });

  it('rate-limit: one listed request sent past the limit (as a driver cycles its list) is admitted every time', async () => {
    const [listed] = expandRequests(catalogEntry('rate-limit'), 'optimized', fixtures, { count: 1, seed: 5 });
    const statuses = new Set<number>();
    for (let i = 0; i < RATE_LIMIT + 10; i++) {
      const spec = fillUnique(listed as RequestSpec, `past-limit-${process.pid}-${i}`);
      statuses.add((await server.app.request(spec.path, { headers: spec.headers })).status);
    }
    expect([...statuses]).toEqual([200]);
  });
});
