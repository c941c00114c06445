/**
 * The comparison catalog: DATA ONLY, read by the Node drivers and by the k6 script (so: no node:
 * imports, no npm packages, plain TS). Each entry adds to its contract
 * (reference-server/comparisons/contracts.ts: id, method, route, role, what varies) how requests
 * are drawn, the response checks, the load and the SLOs; a comment above each says how keys are drawn.
 */
import { contracts, type ComparisonId } from '../reference-server/comparisons/contracts.ts';
import { dayWindow, mainTenant, need } from './request-helpers.ts';
import type { CatalogEntry, CatalogSpec, SuiteChoice, Thresholds } from './types.ts';

/** The SLO of a comparison: p95 latency and < 1% failures, metrics both drivers measure (k6 adds its checks). */
const slo = (p95Ms: number): Thresholds => ({ http_req_duration: [`p(95)<${p95Ms}`], http_req_failed: ['rate<0.01'] });

/** Zipf exponent for hot keys: ~1 is what product popularity looks like (a few items take most views). */
const HOT_SKEW = 1.1;
const IMPORT_BATCH = 20;
const ROLES = ['viewer', 'editor', 'admin'] as const;
/** over-fetch's field sets: a list view, the list with its customer, the list with customer and lines. */
const OVER_FETCH_FIELDS = ['id,status,totalCents,createdAt', 'id,status,totalCents,createdAt,customer', 'id,status,totalCents,createdAt,customer,items'];

const specs: Record<ComparisonId, CatalogSpec> = {
  // the newest page of the largest tenant, limit 50 (the page every dashboard opens)
  'orders-with-items': {
    buildRequest: () => ({ query: { limit: 50 } }),
    checks: {
      'items is an array': (b) => Array.isArray(b?.items),
      'orders carry customer and items': (b) => (b?.items ?? []).every((o: any) => o.customer && Array.isArray(o.items)),
      'items carry their product': (b) => (b?.items ?? []).every((o: any) => o.items.every((i: any) => i.product && i.product.id === i.productId)),
      'newest first': (b) => newestFirst(b?.items),
      'nextCursor present': (b) => b !== null && 'nextCursor' in b,
    },
    load: { closed: { connections: 8 }, open: { rate: 50, maxConnections: 32 } },
    thresholds: slo(100),
  },
  // uniform over the first 20 pages of 50 (offset 0..950) of the largest tenant
  'catalog-kv': {
    buildRequest: (_variant, fx, rnd) => {
      const pages = Math.max(1, Math.min(20, Math.ceil(mainTenant(fx).products / 50)));
      return { query: { limit: 50, offset: rnd.int(pages) * 50 } };
    },
    checks: {
      'items is an array': (b) => Array.isArray(b?.items),
      'total is a count': (b) => Number.isInteger(b?.total) && b.total >= (b?.items?.length ?? 0),
      'at most limit items': (b) => (b?.items?.length ?? 0) <= 50,
      'product docs carry id, sku, name': (b) => (b?.items ?? []).every((p: any) => Number.isInteger(p.id) && typeof p.sku === 'string' && typeof p.name === 'string'),
    },
    load: { closed: { connections: 8 }, open: { rate: 200, maxConnections: 32 } },
    thresholds: slo(50),
  },
  // uniform over the fixtures' deepPages: naive asks for page=N, optimized for the cursor of the same page
  'products-deep-page': {
    buildRequest: (variant, fx, rnd) => {
      const p = rnd.pick(need(mainTenant(fx).deepPages, 'deepPages'));
      return { query: variant === 'naive' ? { limit: p.limit, page: p.page } : { limit: p.limit, cursor: p.cursor } };
    },
    checks: {
      'items is an array': (b) => Array.isArray(b?.items),
      'total is a count': (b) => Number.isInteger(b?.total),
      'nextCursor present': (b) => b !== null && 'nextCursor' in b,
      'newest first': (b) => newestFirst(b?.items),
    },
    load: { closed: { connections: 8 }, open: { rate: 200, maxConnections: 32 } },
    thresholds: slo(50),
  },
  // 90% Zipf(s=HOT_SKEW) over hotProductIds, 10% uniform over coldProductIds (misses on purpose)
  'product-detail-cache': {
    buildRequest: (_variant, fx, rnd) => {
      const t = mainTenant(fx);
      const id = rnd.next() < 0.9 || t.coldProductIds.length === 0 ? hotProduct(t.hotProductIds, rnd) : rnd.pick(t.coldProductIds);
      return { params: { id } };
    },
    checks: {
      'product with brand and categories': (b) => Number.isInteger(b?.product?.id) && typeof b?.brand?.slug === 'string' && Array.isArray(b?.categories),
      'at most 5 latest reviews, newest first': (b) => (b?.latestReviews?.length ?? 0) <= 5 && newestFirst(b?.latestReviews),
      'rating has average and count': (b) => typeof b?.rating?.average === 'number' && Number.isInteger(b?.rating?.count),
    },
    load: { closed: { connections: 16 }, open: { rate: 500, maxConnections: 32 } },
    thresholds: slo(20),
  },
  // 80% terms that hit, 20% terms that miss (fixtures' searchTerms), limit 20
  'product-search': {
    buildRequest: (_variant, fx, rnd) => {
      const { hit, miss } = mainTenant(fx).searchTerms;
      const terms = rnd.next() < 0.8 || miss.length === 0 ? hit : miss;
      return { query: { q: rnd.pick(need(terms, 'searchTerms')), limit: 20 } };
    },
    checks: {
      'items is an array': (b) => Array.isArray(b?.items),
      'at most limit items': (b) => (b?.items?.length ?? 0) <= 20,
      'total covers the page': (b) => Number.isInteger(b?.total) && b.total >= (b?.items?.length ?? 0),
      'items carry id, sku, name, priceCents': (b) => (b?.items ?? []).every((p: any) => Number.isInteger(p.id) && typeof p.sku === 'string' && typeof p.name === 'string' && Number.isInteger(p.priceCents)),
    },
    load: { closed: { connections: 8 }, open: { rate: 100, maxConnections: 32 } },
    thresholds: slo(250),
  },
  // random windows of 30–365 days inside the tenant's order span; groupBy day up to 92 days, else month
  'sales-report': {
    buildRequest: (_variant, fx, rnd) => {
      const w = dayWindow(mainTenant(fx).orderDates, rnd, 30, 365);
      return { query: { from: w.from, to: w.to, groupBy: w.days <= 92 ? 'day' : 'month' } };
    },
    checks: {
      'totals present': (b) => Number.isInteger(b?.totals?.orders) && Number.isInteger(b?.totals?.revenueCents) && Number.isInteger(b?.totals?.items),
      'byStatus is an object': (b) => typeof b?.byStatus === 'object' && b.byStatus !== null,
      'series sums to the totals': (b) => Array.isArray(b?.series) && b.series.reduce((n: number, s: any) => n + s.orders, 0) === b.totals.orders,
    },
    load: { closed: { connections: 4 }, open: { rate: 20, maxConnections: 16 } },
    thresholds: slo(500),
  },
  // one batch of IMPORT_BATCH rows per request, SKUs imp-<unique>-<row>: writes ≤ rate × duration ×
  // IMPORT_BATCH rows into imported_products; `unique` (run nonce + sequence) keeps reruns from conflicting
  'bulk-import': {
    buildRequest: (_variant, _fx, _rnd, { unique }) => ({
      body: { rows: Array.from({ length: IMPORT_BATCH }, (_, i) => ({ sku: `imp-${unique}-${i}`, name: `Imported product ${i + 1}`, priceCents: 1000 + i * 25, stock: 10 + i })) },
      headers: { 'idempotency-key': `imp-${unique}` },
    }),
    checks: {
      'naive: imported count / optimized: job id': (b) => Number.isInteger(b?.imported) || (b?.jobId !== undefined && typeof b?.status === 'string'),
    },
    load: { closed: { connections: 2 }, open: { rate: 5, maxConnections: 8 } },
    thresholds: slo(1000),
  },
  // uniform over the three seeded users (viewer, editor, admin) of the largest tenant
  'auth-context': {
    buildRequest: (_variant, _fx, rnd) => ({ role: rnd.pick(ROLES) }),
    checks: {
      'user, tenant and role': (b) => Number.isInteger(b?.user?.id) && Number.isInteger(b?.tenant?.id) && typeof b?.role === 'string',
      'memberships listed': (b) => Array.isArray(b?.memberships) && b.memberships.length >= 1,
    },
    load: { closed: { connections: 16 }, open: { rate: 500, maxConnections: 32 } },
    thresholds: slo(20),
  },
  // Zipf(s=HOT_SKEW) over hotProductIds; writes only stock (0..999) of hot products, so no rows
  // are added, names and prices stay as seeded, and every run touches the same ids
  'cache-invalidation': {
    buildRequest: (_variant, fx, rnd) => ({ params: { id: hotProduct(mainTenant(fx).hotProductIds, rnd) }, body: { stock: rnd.int(1000) } }),
    checks: {
      'returns the product detail': (b) => Number.isInteger(b?.product?.id) && Array.isArray(b?.categories),
      'stock updated to a count': (b) => Number.isInteger(b?.product?.stock),
    },
    load: { closed: { connections: 4 }, open: { rate: 50, maxConnections: 16 } },
    thresholds: slo(50),
  },
  // uniform over the fixtures' customerIds of the largest tenant
  'connection-per-request': {
    buildRequest: (_variant, fx, rnd) => ({ params: { id: rnd.pick(need(mainTenant(fx).customerIds, 'customerIds')) } }),
    checks: {
      'customer summary': (b) => Number.isInteger(b?.id) && typeof b?.name === 'string' && typeof b?.email === 'string',
      'orders and lifetime counted': (b) => Number.isInteger(b?.orders) && Number.isInteger(b?.lifetimeCents),
    },
    // Few connections: the naive side opens one Postgres connection per in-flight request.
    load: { closed: { connections: 4 }, open: { rate: 100, maxConnections: 8 } },
    thresholds: slo(30),
  },
  // limit uniform in 10..100: the page size of a "pending orders" widget; one tenant, so one data size per run
  'missing-index': {
    suite: 'extended',
    buildRequest: (_variant, _fx, rnd) => ({ query: { limit: 10 + rnd.int(91) } }),
    checks: {
      'items is an array': (b) => Array.isArray(b?.items),
      'at most 100 items': (b) => (b?.items?.length ?? 0) <= 100,
      'orders carry id, customerId, totalCents': (b) => (b?.items ?? []).every((o: any) => Number.isInteger(o.id) && Number.isInteger(o.customerId) && Number.isInteger(o.totalCents)),
      'newest first': (b) => newestFirst(b?.items),
    },
    load: { closed: { connections: 4 }, open: { rate: 50, maxConnections: 16 } },
    thresholds: slo(50),
  },
  // limit 50; fields: 60% the list columns, 30% plus the customer, 10% plus the lines (OVER_FETCH_FIELDS)
  'over-fetch': {
    suite: 'extended',
    buildRequest: (_variant, _fx, rnd) => {
      const u = rnd.next();
      return { query: { limit: 50, fields: OVER_FETCH_FIELDS[u < 0.6 ? 0 : u < 0.9 ? 1 : 2] } };
    },
    checks: {
      'items is an array': (b) => Array.isArray(b?.items),
      'at most limit items': (b) => (b?.items?.length ?? 0) <= 50,
      'orders carry id and status': (b) => (b?.items ?? []).every((o: any) => Number.isInteger(o.id) && typeof o.status === 'string'),
      'only requested fields': (b) => (b?.items ?? []).every((o: any) => Object.keys(o).every((k) => ['id', 'status', 'totalCents', 'createdAt', 'customer', 'items'].includes(k))),
      'newest first': (b) => newestFirst(b?.items),
    },
    load: { closed: { connections: 8 }, open: { rate: 100, maxConnections: 32 } },
    thresholds: slo(50),
  },
  // random windows of 7–60 days inside the tenant's order span; every write sets totals to the
  // sums they already hold, so the data set is unchanged and reruns repeat the same work
  'bulk-update': {
    suite: 'extended',
    buildRequest: (_variant, fx, rnd) => {
      const w = dayWindow(mainTenant(fx).orderDates, rnd, 7, 60);
      return { body: { from: w.from, to: w.to } };
    },
    checks: {
      'updated is a count': (b) => Number.isInteger(b?.updated) && b.updated >= 0,
    },
    load: { closed: { connections: 2 }, open: { rate: 10, maxConnections: 8 } },
    thresholds: slo(500),
  },
  // one hot key: limit 10 of the largest tenant, every request; the key expires every second
  'cache-stampede': {
    suite: 'extended',
    buildRequest: () => ({ query: { limit: 10 } }),
    checks: {
      'items is an array of at most 10': (b) => Array.isArray(b?.items) && b.items.length <= 10,
      'best sellers first': (b) => (b?.items ?? []).every((p: any, i: number, all: any[]) => i === 0 || all[i - 1].units >= p.units),
      'products carry id, sku, units, revenue': (b) => (b?.items ?? []).every((p: any) => Number.isInteger(p.id) && typeof p.sku === 'string' && Number.isInteger(p.units) && Number.isInteger(p.revenueCents)),
    },
    // many concurrent requests: the herd that meets the cold key
    load: { closed: { connections: 16 }, open: { rate: 300, maxConnections: 32 } },
    thresholds: slo(100),
  },
  // the whole export of the largest tenant, every request (about half the orders of the data set)
  'export-stream': {
    suite: 'extended',
    buildRequest: () => ({}),
    checks: {
      'an array of orders': (b) => Array.isArray(b) && b.length > 0,
      'orders carry id, status, totalCents, createdAt': (b) => (Array.isArray(b) ? b : []).every((o: any) => Number.isInteger(o.id) && typeof o.status === 'string' && Number.isInteger(o.totalCents) && typeof o.createdAt === 'string'),
      'ids ascending': (b) => (Array.isArray(b) ? b : []).every((o: any, i: number, all: any[]) => i === 0 || all[i - 1].id < o.id),
    },
    // few and slow: each request carries the whole tenant (megabytes at the default scale)
    load: { closed: { connections: 2 }, open: { rate: 4, maxConnections: 8 } },
    thresholds: slo(2000),
  },
  // Zipf(s=HOT_SKEW) over hotProductIds; 10% writes (an editor records stock 0..999 of a hot
  // product: restored between runs), 20% reads by that editor, 70% reads by a viewer
  'read-replica': {
    suite: 'extended',
    buildRequest: (_variant, fx, rnd) => {
      const id = hotProduct(mainTenant(fx).hotProductIds, rnd);
      const u = rnd.next();
      if (u < 0.1) return { params: { id }, role: 'editor', body: { stock: rnd.int(1000) } };
      return { params: { id }, role: u < 0.3 ? 'editor' : 'viewer', body: {} };
    },
    checks: {
      'inventory card': (b) => Number.isInteger(b?.id) && typeof b?.sku === 'string' && Number.isInteger(b?.stock),
      'units sold and reviews counted': (b) => Number.isInteger(b?.unitsSold) && Number.isInteger(b?.reviews),
    },
    // the read sums a hot product's order lines: a few ms of execution at the default scale
    load: { closed: { connections: 8 }, open: { rate: 200, maxConnections: 32 } },
    thresholds: slo(100),
  },
  // 80% 'api-call', 10% 'export', 10% 'search' for the largest tenant: every request lands on one of
  // its three counter rows, most on one (the hot row); writes only usage_counters, which a reset empties
  'write-behind': {
    suite: 'extended',
    buildRequest: (_variant, _fx, rnd) => {
      const u = rnd.next();
      return { body: { metric: u < 0.8 ? 'api-call' : u < 0.9 ? 'export' : 'search' } };
    },
    checks: {
      'recorded one use of the metric': (b) => b?.recorded === 1 && typeof b?.metric === 'string',
    },
    // concurrent writers are what a hot row makes wait
    load: { closed: { connections: 16 }, open: { rate: 500, maxConnections: 32 } },
    thresholds: slo(50),
  },
  // each request its own bucket of the largest tenant (`unique`), so every request is admitted at
  // any rate and duration (no 429 by design): a list of 2,000 requests cycled at thousands per
  // second would meet a drawn bucket 100 times, its limit per minute, within seconds
  'rate-limit': {
    suite: 'extended',
    buildRequest: (_variant, _fx, _rnd, { unique }) => ({ params: { bucket: `b-${unique}` } }),
    checks: {
      'allowed for its bucket': (b) => b?.allowed === true && typeof b?.bucket === 'string',
    },
    load: { closed: { connections: 16 }, open: { rate: 500, maxConnections: 32 } },
    thresholds: slo(20),
  },
  // uniform over the fixtures' customerIds of the largest tenant, limit 10 (a customer page's order history)
  'row-level-security': {
    suite: 'extended',
    buildRequest: (_variant, fx, rnd) => ({ params: { id: rnd.pick(need(mainTenant(fx).customerIds, 'customerIds')) }, query: { limit: 10 } }),
    checks: {
      'customer with id, name, email': (b) => Number.isInteger(b?.customer?.id) && typeof b?.customer?.name === 'string' && typeof b?.customer?.email === 'string',
      'at most 10 orders, newest first, with their lines': (b) => Array.isArray(b?.orders) && b.orders.length <= 10 && newestFirst(b.orders) && b.orders.every((o: any) => Array.isArray(o.items)),
    },
    load: { closed: { connections: 8 }, open: { rate: 200, maxConnections: 32 } },
    thresholds: slo(30),
  },
};

function hotProduct(hotIds: readonly number[], rnd: { zipf(n: number, s: number): number }): number {
  const hot = need(hotIds, 'hotProductIds');
  return hot[rnd.zipf(hot.length, HOT_SKEW)] as number;
}

/** Items ordered by `createdAt` descending (ISO strings compare in time order). */
function newestFirst(items: { createdAt: string }[] | undefined): boolean {
  const dates = (items ?? []).map((item) => item.createdAt);
  return dates.every((d, i) => i === 0 || (dates[i - 1] as string) >= d);
}

/** Every comparison in contract order: its contract plus its catalog spec. */
export const catalog: readonly CatalogEntry[] = contracts.map((contract) => {
  const spec = specs[contract.id];
  return { ...contract, ...spec, suite: spec.suite ?? 'core' };
});

/** The ids of one suite (`all`: every id), in catalog order. */
export function suiteIds(suite: SuiteChoice): string[] {
  return catalog.filter((e) => suite === 'all' || e.suite === suite).map((e) => e.id);
}

/** The ids in catalog order. */
export const catalogIds: readonly string[] = catalog.map((e) => e.id);

/** The entry of `id`; throws naming the known ids. */
export function catalogEntry(id: string): CatalogEntry {
  const entry = catalog.find((e) => e.id === id);
  if (!entry) throw new Error(`unknown comparison '${id}' (known: ${catalogIds.join(', ')})`);
  return entry;
}
