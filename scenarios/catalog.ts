/**
 * The comparison catalog: DATA ONLY, read by the Node drivers and by the k6 scripts (so: no
 * node: imports, no npm packages, plain TS). Adding a comparison = one entry here + its routes.
 * Thresholds are SLOs in k6 syntax; the k6 scripts scope them to `{scenario:measure}`.
 */
import { dayWindow, mainTenant, need, query, request } from './request-helpers.ts';
import type { CatalogEntry, Thresholds } from './types.ts';

/** The SLO of a comparison: p95 latency and < 1% failures, metrics both drivers measure (k6 adds its checks). */
const slo = (p95Ms: number): Thresholds => ({ http_req_duration: [`p(95)<${p95Ms}`], http_req_failed: ['rate<0.01'] });

/** Zipf exponent for hot keys: ~1 is what product popularity looks like (a few items take most views). */
const HOT_SKEW = 1.1;
const IMPORT_BATCH = 20;

export const catalog: readonly CatalogEntry[] = [
  {
    id: 'orders-with-items',
    title: 'Orders with items, customer and products',
    pattern: 'ORM include / N+1 (ML Allure §3.1, §3.3)',
    method: 'GET', route: '/orders', role: 'viewer',
    requests: {
      naive: (fx) => request('naive', 'GET', `/orders${query({ limit: 50 })}`, mainTenant(fx)),
      optimized: (fx) => request('optimized', 'GET', `/orders${query({ limit: 50 })}`, mainTenant(fx)),
    },
    keys: 'newest page of the largest tenant, limit 50 (the page every dashboard opens)',
    load: { closed: { connections: 8 }, open: { rate: 50, maxConnections: 32 } },
    thresholds: slo(100), cacheWarm: false, writes: null,
  },
  {
    id: 'catalog-kv',
    title: 'Catalog page from a KV store',
    pattern: 'KV store N+1 (wecelebrate, problems 1–2)',
    method: 'GET', route: '/catalog', role: 'viewer',
    requests: {
      naive: (fx, rnd) => catalogPage('naive', fx, rnd),
      optimized: (fx, rnd) => catalogPage('optimized', fx, rnd),
    },
    keys: 'uniform over the first 20 pages of 50 (offset 0..950) of the largest tenant',
    load: { closed: { connections: 8 }, open: { rate: 200, maxConnections: 32 } },
    thresholds: slo(50), cacheWarm: false, writes: null,
  },
  {
    id: 'products-deep-page',
    title: 'Deep product pages',
    pattern: 'OFFSET pagination + COUNT per page (Avelero §5.2)',
    method: 'GET', route: '/products', role: 'viewer',
    requests: {
      naive: (fx, rnd) => {
        const t = mainTenant(fx);
        const p = rnd.pick(need(t.deepPages, 'deepPages'));
        return request('naive', 'GET', `/products${query({ limit: p.limit, page: p.page })}`, t);
      },
      optimized: (fx, rnd) => {
        const t = mainTenant(fx);
        const p = rnd.pick(need(t.deepPages, 'deepPages'));
        return request('optimized', 'GET', `/products${query({ limit: p.limit, cursor: p.cursor })}`, t);
      },
    },
    keys: 'uniform over the fixtures deepPages: naive sends page=N, optimized the cursor of the same page',
    load: { closed: { connections: 8 }, open: { rate: 200, maxConnections: 32 } },
    thresholds: slo(50), cacheWarm: false, writes: null,
  },
  {
    id: 'product-detail-cache',
    title: 'Product detail page',
    pattern: 'no cache vs cache-aside (Avelon §2, §4)',
    method: 'GET', route: '/products/:id', role: 'viewer',
    requests: {
      naive: (fx, rnd) => productDetail('naive', fx, rnd),
      optimized: (fx, rnd) => productDetail('optimized', fx, rnd),
    },
    keys: `90% Zipf(s=${HOT_SKEW}) over hotProductIds, 10% uniform over coldProductIds (misses on purpose)`,
    load: { closed: { connections: 16 }, open: { rate: 500, maxConnections: 32 } },
    thresholds: slo(20), cacheWarm: true, writes: null,
  },
  {
    id: 'product-search',
    title: 'Product search',
    pattern: '10× ILIKE (Avelero §5.2)',
    method: 'GET', route: '/search', role: 'viewer',
    requests: {
      naive: (fx, rnd) => search('naive', fx, rnd),
      optimized: (fx, rnd) => search('optimized', fx, rnd),
    },
    keys: '80% terms that hit, 20% terms that miss (fixtures searchTerms), limit 20',
    load: { closed: { connections: 8 }, open: { rate: 100, maxConnections: 32 } },
    thresholds: slo(250), cacheWarm: false, writes: null,
  },
  {
    id: 'sales-report',
    title: 'Sales report',
    pattern: 'load everything, filter in JS (wecelebrate, problem 3)',
    method: 'GET', route: '/reports/sales', role: 'viewer',
    requests: {
      naive: (fx, rnd) => salesReport('naive', fx, rnd),
      optimized: (fx, rnd) => salesReport('optimized', fx, rnd),
    },
    keys: 'random windows of 30–365 days inside the tenant order span; groupBy day up to 92 days, else month',
    load: { closed: { connections: 4 }, open: { rate: 20, maxConnections: 16 } },
    thresholds: slo(500), cacheWarm: false, writes: null,
  },
  {
    id: 'bulk-import',
    title: 'Bulk product import',
    pattern: 'sequential loop (Avelero §4.3)',
    method: 'POST', route: '/imports/products', role: 'editor',
    requests: {
      naive: (fx, _rnd, ctx) => bulkImport('naive', fx, ctx.unique),
      optimized: (fx, _rnd, ctx) => bulkImport('optimized', fx, ctx.unique),
    },
    keys: `one batch of ${IMPORT_BATCH} rows per request, SKUs imp-<unique>-<row>`,
    load: { closed: { connections: 2 }, open: { rate: 5, maxConnections: 8 } },
    thresholds: slo(1000), cacheWarm: false,
    writes: `≤ rate × duration × ${IMPORT_BATCH} rows into imported_products; every SKU carries the request's unique token (run nonce + sequence), so reruns never conflict`,
  },
  {
    id: 'auth-context',
    title: 'Session context (/me)',
    pattern: '2 queries per request for user + memberships (Avelero §7.1)',
    method: 'GET', route: '/me', role: 'viewer',
    requests: {
      naive: (fx, rnd) => request('naive', 'GET', '/me', mainTenant(fx), { role: rnd.pick(ROLES) }),
      optimized: (fx, rnd) => request('optimized', 'GET', '/me', mainTenant(fx), { role: rnd.pick(ROLES) }),
    },
    keys: 'uniform over the three seeded users (viewer, editor, admin) of the largest tenant',
    load: { closed: { connections: 16 }, open: { rate: 500, maxConnections: 32 } },
    thresholds: slo(20), cacheWarm: true, writes: null,
  },
  {
    id: 'cache-invalidation',
    title: 'Product update with cache invalidation',
    pattern: 'wildcard delete (ML Allure §2.3)',
    method: 'PATCH', route: '/products/:id', role: 'editor',
    requests: {
      naive: (fx, rnd) => patchStock('naive', fx, rnd),
      optimized: (fx, rnd) => patchStock('optimized', fx, rnd),
    },
    keys: `Zipf(s=${HOT_SKEW}) over hotProductIds; only stock changes (0..999), so names and prices stay as seeded`,
    load: { closed: { connections: 4 }, open: { rate: 50, maxConnections: 16 } },
    thresholds: slo(50), cacheWarm: true,
    writes: 'UPDATE of products.stock on hot products (bounded: no rows added, same ids every run)',
  },
  {
    id: 'connection-per-request',
    title: 'Customer summary',
    pattern: 'no pooling (wecelebrate phase 5)',
    method: 'GET', route: '/customers/:id', role: 'viewer',
    requests: {
      naive: (fx, rnd) => customer('naive', fx, rnd),
      optimized: (fx, rnd) => customer('optimized', fx, rnd),
    },
    keys: 'uniform over the fixtures customerIds of the largest tenant',
    // Few connections: the naive side opens one Postgres connection per in-flight request.
    load: { closed: { connections: 4 }, open: { rate: 100, maxConnections: 8 } },
    thresholds: slo(30), cacheWarm: false, writes: null,
  },
];

const ROLES = ['viewer', 'editor', 'admin'] as const;
type V = 'naive' | 'optimized';
type Fx = Parameters<CatalogEntry['requests']['naive']>[0];
type R = Parameters<CatalogEntry['requests']['naive']>[1];

function catalogPage(variant: V, fx: Fx, rnd: R) {
  const t = mainTenant(fx);
  const pages = Math.max(1, Math.min(20, Math.ceil(t.products / 50)));
  return request(variant, 'GET', `/catalog${query({ limit: 50, offset: rnd.int(pages) * 50 })}`, t);
}

function productDetail(variant: V, fx: Fx, rnd: R) {
  const t = mainTenant(fx);
  const hot = need(t.hotProductIds, 'hotProductIds');
  const id = rnd.next() < 0.9 || t.coldProductIds.length === 0 ? hot[rnd.zipf(hot.length, HOT_SKEW)] : rnd.pick(t.coldProductIds);
  return request(variant, 'GET', `/products/${id}`, t);
}

function search(variant: V, fx: Fx, rnd: R) {
  const t = mainTenant(fx);
  const terms = rnd.next() < 0.8 || t.searchTerms.miss.length === 0 ? t.searchTerms.hit : t.searchTerms.miss;
  return request(variant, 'GET', `/search${query({ q: rnd.pick(need(terms, 'searchTerms')), limit: 20 })}`, t);
}

function salesReport(variant: V, fx: Fx, rnd: R) {
  const t = mainTenant(fx);
  const w = dayWindow(t.orderDates, rnd, 30, 365);
  return request(variant, 'GET', `/reports/sales${query({ from: w.from, to: w.to, groupBy: w.days <= 92 ? 'day' : 'month' })}`, t);
}

function bulkImport(variant: V, fx: Fx, unique: string) {
  const rows = Array.from({ length: IMPORT_BATCH }, (_, i) => ({
    sku: `imp-${unique}-${i}`,
    name: `Imported product ${i + 1}`,
    priceCents: 1000 + i * 25,
    stock: 10 + i,
  }));
  return request(variant, 'POST', '/imports/products', mainTenant(fx), {
    role: 'editor',
    body: { rows },
    headers: { 'idempotency-key': `imp-${unique}` },
  });
}

function patchStock(variant: V, fx: Fx, rnd: R) {
  const t = mainTenant(fx);
  const hot = need(t.hotProductIds, 'hotProductIds');
  const id = hot[rnd.zipf(hot.length, HOT_SKEW)];
  return request(variant, 'PATCH', `/products/${id}`, t, { role: 'editor', body: { stock: rnd.int(1000) } });
}

function customer(variant: V, fx: Fx, rnd: R) {
  const t = mainTenant(fx);
  return request(variant, 'GET', `/customers/${rnd.pick(need(t.customerIds, 'customerIds'))}`, t);
}

/** The ten ids in catalog order. */
export const catalogIds: readonly string[] = catalog.map((e) => e.id);

export function catalogEntry(id: string): CatalogEntry {
  const entry = catalog.find((e) => e.id === id);
  if (!entry) throw new Error(`unknown comparison '${id}' (known: ${catalogIds.join(', ')})`);
  return entry;
}
