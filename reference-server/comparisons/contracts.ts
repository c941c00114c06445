/**
 * Every comparison's contract, declared once, as plain data: what it is, the one factor its two
 * variants differ in, and the route both are mounted under. The server mounts `<id>.ts` (beside
 * this file) by these fields; `scenarios/catalog.ts` adds load, thresholds, request builders
 * and response checks. k6 loads this file too: type-only imports, no node: or npm imports.
 *
 * Both variants of every comparison send prepared statements (Drizzle through
 * `db/prepared.ts` preparingClient, postgres.js tagged templates by default), so preparation
 * is never part of what a `varies` sentence attributes a difference to.
 */
import type { Role } from '../auth/token.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a comparison is; the route is mounted at `/naive<route>` and `/optimized<route>`. */
export interface ComparisonContract {
  /** The catalog id, also the name of its server file `reference-server/comparisons/<id>.ts`. */
  id: string;
  title: string;
  /** The anti-pattern and where it was seen. */
  pattern: string;
  /** The one factor naive and optimized differ in (what a report attributes the difference to). */
  varies: string;
  method: HttpMethod;
  /** Hono path, e.g. `/products/:id`. */
  route: string;
  /** The least role allowed to call it (the requests use it unless they pick another). */
  role: Role;
}

/** The comparisons, in catalog order (the order runs and reports follow). */
export const contracts = [
  {
    id: 'orders-with-items',
    title: 'Orders with items, customer and products',
    pattern: 'ORM include / N+1 (ML Allure §3.1, §3.3)',
    varies: 'statements per request: 1 + N + N + N·M (customer and lines per order, product per line) vs 1 (JOIN + json_agg)',
    method: 'GET', route: '/orders', role: 'viewer',
  },
  {
    id: 'catalog-kv',
    title: 'Catalog page from a KV store',
    pattern: 'KV store N+1 (wecelebrate, problems 1–2)',
    varies: 'how a page is read: an id list then one kv_store get per id (1 + N) vs 1 indexed relational query (count cached)',
    method: 'GET', route: '/catalog', role: 'viewer',
  },
  {
    id: 'products-deep-page',
    title: 'Deep product pages',
    pattern: 'OFFSET pagination + COUNT per page (Avelero §5.2)',
    varies: 'work that grows with page depth: OFFSET skipping (page−1)·limit rows + COUNT(*) each request vs a keyset seek + a cached count',
    method: 'GET', route: '/products', role: 'viewer',
  },
  {
    id: 'product-detail-cache',
    title: 'Product detail page',
    pattern: 'no cache vs cache-aside (Avelon §2, §4)',
    varies: 'where the detail comes from: 5 queries every request vs Redis cache-aside (0 queries on a hit, 1 on a miss)',
    method: 'GET', route: '/products/:id', role: 'viewer',
  },
  {
    id: 'product-search',
    title: 'Product search',
    pattern: '10× ILIKE (Avelero §5.2)',
    varies: "access path of a substring search: ILIKE '%q%' sequential scans (twice, with the COUNT) vs pg_trgm GIN index scans (count by a window)",
    method: 'GET', route: '/search', role: 'viewer',
  },
  {
    id: 'sales-report',
    title: 'Sales report',
    pattern: 'load everything, filter in JS (wecelebrate, problem 3)',
    varies: 'where the aggregation runs: every order and line in range shipped to Node and summed in JS vs one SQL GROUP BY returning only the groups (units from orders.item_quantity, which a trigger keeps: one UPDATE of the order per order_items write)',
    method: 'GET', route: '/reports/sales', role: 'viewer',
  },
  {
    id: 'bulk-import',
    title: 'Bulk product import',
    pattern: 'sequential loop (Avelero §4.3)',
    varies: 'write strategy: a transaction per row while the client waits vs 202 + a background job inserting 1000-row batches (batching and async together, not separated)',
    method: 'POST', route: '/imports/products', role: 'editor',
  },
  {
    id: 'auth-context',
    title: 'Session context (/me)',
    pattern: '2 queries per request for user + memberships (Avelero §7.1)',
    varies: 'where the session context comes from: 3 queries (user, memberships, tenant) every request vs a cached context (0 queries on a hit), invalidated explicitly',
    method: 'GET', route: '/me', role: 'viewer',
  },
  {
    id: 'cache-invalidation',
    title: 'Product update with cache invalidation',
    pattern: 'wildcard delete (ML Allure §2.3)',
    varies: 'how cached copies are retired on a write: KEYS pattern + DEL over the keyspace vs 1 INCR of a version key (the write is the same 1 prepared UPDATE … RETURNING on both sides)',
    method: 'PATCH', route: '/products/:id', role: 'editor',
  },
  {
    id: 'connection-per-request',
    title: 'Customer summary',
    pattern: 'no pooling (wecelebrate phase 5)',
    varies: "connection reuse: a new Postgres connection per request (TCP, startup, auth, postgres.js's pg_type lookup, the statement prepared afresh, close) vs a warm connection of the shared pool",
    method: 'GET', route: '/customers/:id', role: 'viewer',
  },
  {
    id: 'missing-index',
    title: "A tenant's pending orders",
    pattern: 'query without its supporting index (NestJS review: orders by status)',
    varies: "the planner's index access paths for the same SELECT on the same data: index, index-only and bitmap scans off for the transaction (SET LOCAL via set_config: the plan a table without indexes gets, so the tenant index is out of reach too) vs on, reading the partial index orders_pending_tenant_created_idx (WHERE status = 'pending'); 4 statements on both sides (BEGIN, set_config, SELECT, COMMIT)",
    method: 'GET', route: '/orders/pending', role: 'viewer',
  },
  {
    id: 'over-fetch',
    title: 'Order list with selectable fields',
    pattern: 'coarse needsJoins: join and select everything, drop fields in JS (Hono/Drizzle review)',
    varies: 'what the one statement reads and ships: every column of orders, customers, order_items and products on every request vs the requested fields\' columns only, joining customers and the lines only when asked for (response bytes equal by parity)',
    method: 'GET', route: '/orders/list', role: 'viewer',
  },
  {
    id: 'bulk-update',
    title: 'Recompute order totals over a window',
    pattern: 'UPDATE … RETURNING * and a JS loop to count (Hono/Drizzle review §4.4)',
    varies: 'what the one UPDATE sends back: every updated row, all columns (RETURNING *), counted in a JS loop vs the command tag\'s row count only; same rows written, same {updated: n}',
    method: 'POST', route: '/orders/recompute-totals', role: 'editor',
  },
  {
    id: 'cache-stampede',
    title: 'Top products behind a hot key that expires every second',
    pattern: 'cache stampede: plain cache-aside on a hot key (thundering herd)',
    varies: 'how concurrent misses on one cold key load it: each request that misses runs the aggregate itself (N loads) vs single-flight, the first miss loads and the others wait for it (1 load per cold key); same key, same 1 s TTL',
    method: 'GET', route: '/reports/top-products', role: 'viewer',
  },
  {
    id: 'export-stream',
    title: "Export every order of a tenant",
    pattern: 'load everything into memory, then serialise (export endpoints)',
    varies: 'how the rows reach the client: the whole result set loaded and stringified, sent as one chunk vs a server-side cursor (postgres.js .cursor(1000)) streamed batch by batch; 1 statement and byte-equal bodies on both sides',
    method: 'GET', route: '/orders/export', role: 'viewer',
  },
  {
    id: 'read-replica',
    title: 'Inventory card under a mixed read/write load',
    pattern: 'every read on the primary (wecelebrate, ML Allure)',
    varies: "where reads run: every read and write on the primary vs reads on a streaming physical replica, writes on the primary; read-your-writes for the writer by its last write's WAL position (1 cache SET per write, 1 cache GET per editor/admin read, replay checked in the read's own statement, the primary read when not yet replayed)",
    method: 'POST', route: '/products/:id/inventory', role: 'viewer',
  },
  {
    id: 'write-behind',
    title: 'Per-request usage counter',
    pattern: 'hot-row counter UPDATE on every request (VisAPI)',
    varies: "where each request's count is written: an upsert of the tenant's one counter row per request (1 statement, requests queue on its row lock) vs 1 Redis HINCRBY, summed into the same rows by a flusher once a second (0 statements per request; 4 per flush, counted in /__stats as deferred statements)",
    method: 'POST', route: '/usage', role: 'viewer',
  },
  {
    id: 'rate-limit',
    title: 'Rate-limited endpoint (100 requests per 60 s per bucket)',
    pattern: 'per-process in-memory limiter behind a load balancer (ML Allure, Avelon)',
    varies: 'where the limiter counts: a fixed window in this process\'s memory (0 round trips; each instance counts alone, so N instances admit N × the limit) vs a sliding window in Redis, one atomic Lua script (1 round trip; the limit holds across instances); same limit, same answers on one instance',
    method: 'GET', route: '/quota/:bucket', role: 'viewer',
  },
  {
    id: 'row-level-security',
    title: "A customer's newest orders with their lines",
    pattern: 'tenant isolation by RLS policies with a per-request SET LOCAL (Supabase review)',
    varies: 'who adds the tenant filter: Postgres RLS policies on customers, orders and order_items (lines through an EXISTS on their order), which need the role and app.tenant_id set per transaction (4 statements: BEGIN, set_config, SELECT, COMMIT) vs `tenant_id = $1` written in the same SELECT (1 statement); same rows, byte-equal answers',
    method: 'GET', route: '/customers/:id/orders', role: 'viewer',
  },
] as const satisfies readonly ComparisonContract[];

export type ComparisonId = (typeof contracts)[number]['id'];

/** The contract of `id`; throws naming the known ids. */
export function contractOf(id: string): ComparisonContract {
  const contract = contracts.find((c) => c.id === id);
  if (!contract) throw new Error(`unknown comparison '${id}' (known: ${contracts.map((c) => c.id).join(', ')})`);
  return contract;
}
