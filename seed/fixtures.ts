import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type postgres from 'postgres';
import { ROLES, signToken } from '../reference-server/auth/token.ts';
import { encodeCursor } from '../reference-server/lib/cursor.ts';
import type { Fingerprint } from './fingerprint.ts';
import { FIXTURES_VERSION, fixturesSchema, type Fixtures, type TenantFixtures } from './fixtures-schema.ts';

const SAMPLE = 50;
const PAGE_LIMIT = 50;
const DEEP_PAGES = [2, 10, 100, 1000];
/** Nonsense words; each is checked against the data before it is offered as a miss. */
const MISS_CANDIDATES = ['zyxwvq', 'qqxjz', 'flibbertigibbet', 'xylograph', 'nonexistent-sku-0000'];

/** Reads what scenarios need from the loaded rows (never from the generator), validates it, and writes it atomically. */
export async function writeFixtures(sql: postgres.Sql, fingerprint: Fingerprint, path: string, jwtSecret: string): Promise<Fixtures> {
  const tenants = await sql<{ id: number; slug: string; products: number; orders: number }[]>`
    SELECT t.id, t.slug,
      (SELECT count(*)::int FROM products p WHERE p.tenant_id = t.id) AS products,
      (SELECT count(*)::int FROM orders o WHERE o.tenant_id = t.id) AS orders
    FROM tenants t ORDER BY products DESC, t.id`;
  const misses = await missingTerms(sql);
  const fixtures: Fixtures = fixturesSchema.parse({
    version: FIXTURES_VERSION,
    generatedAt: new Date().toISOString(),
    fingerprint,
    tenants: await Promise.all(tenants.map((t) => tenantFixtures(sql, t, jwtSecret, misses))),
  });
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(fixtures, null, 2) + '\n');
  await rename(temporary, path);
  return fixtures;
}

async function tenantFixtures(
  sql: postgres.Sql,
  tenant: { id: number; slug: string; products: number; orders: number },
  jwtSecret: string,
  misses: string[],
): Promise<TenantFixtures> {
  const id = tenant.id;
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  const hot = await sql<{ id: number }[]>`
    SELECT oi.product_id AS id FROM order_items oi JOIN orders o ON o.id = oi.order_id
    WHERE o.tenant_id = ${id} GROUP BY oi.product_id ORDER BY count(*) DESC, oi.product_id LIMIT ${SAMPLE}`;
  // md5 order: a fixed, well-spread sample instead of the oldest rows
  const cold = await sql<{ id: number }[]>`
    SELECT id FROM products p WHERE tenant_id = ${id}
      AND NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.id)
    ORDER BY md5(id::text) LIMIT ${SAMPLE}`;
  const customers = await sql<{ id: number }[]>`SELECT id FROM customers WHERE tenant_id = ${id} ORDER BY md5(id::text) LIMIT ${SAMPLE}`;
  const orders = await sql<{ id: number }[]>`SELECT id FROM orders WHERE tenant_id = ${id} ORDER BY md5(id::text) LIMIT ${SAMPLE}`;
  const users = await roleUsers(sql, id);
  const tokens = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, await signToken({ userId: users[role], tenantId: id, role }, jwtSecret)] as const)),
  ) as TenantFixtures['tokens'];
  const [span] = await sql<{ from: Date | null; to: Date | null }[]>`
    SELECT min(created_at) AS from, max(created_at) AS to FROM orders WHERE tenant_id = ${id}`;
  return {
    ...tenant,
    hotProductIds: ids(hot),
    coldProductIds: ids(cold),
    customerIds: ids(customers),
    orderIds: ids(orders),
    users,
    tokens,
    deepPages: await deepPages(sql, id, tenant.products),
    searchTerms: await searchTerms(sql, id, misses),
    orderDates: { from: (span?.from ?? new Date(0)).toISOString(), to: (span?.to ?? new Date(0)).toISOString() },
  };
}

/** The first user of each role who belongs to this tenant only (every seeded tenant has one of each). */
async function roleUsers(sql: postgres.Sql, tenantId: number): Promise<TenantFixtures['users']> {
  const rows = await sql<{ role: string; userId: number }[]>`
    SELECT DISTINCT ON (role) role, user_id AS "userId" FROM memberships m WHERE tenant_id = ${tenantId}
    ORDER BY role, (SELECT count(*) FROM memberships o WHERE o.user_id = m.user_id), user_id`;
  const byRole = new Map(rows.map((r) => [r.role, r.userId]));
  const user = (role: string) => {
    const userId = byRole.get(role);
    if (userId === undefined) throw new Error(`tenant ${tenantId} has no ${role}`);
    return userId;
  };
  return { viewer: user('viewer'), editor: user('editor'), admin: user('admin') };
}

/** Page p's cursor is the key of the last row of page p − 1, exactly what the optimized route returns as `nextCursor`. */
async function deepPages(sql: postgres.Sql, tenantId: number, products: number): Promise<TenantFixtures['deepPages']> {
  const pages: TenantFixtures['deepPages'] = [];
  for (const page of DEEP_PAGES.filter((p) => (p - 1) * PAGE_LIMIT < products)) {
    const [last] = await sql<{ id: number; createdAt: Date }[]>`
      SELECT id, created_at AS "createdAt" FROM products WHERE tenant_id = ${tenantId}
      ORDER BY created_at DESC, id DESC OFFSET ${(page - 1) * PAGE_LIMIT - 1} LIMIT 1`;
    if (last) pages.push({ page, limit: PAGE_LIMIT, cursor: encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) });
  }
  return pages;
}

/** Hits: the commonest and the rarest words of the tenant's product names. Misses: words no column contains. */
async function searchTerms(sql: postgres.Sql, tenantId: number, misses: string[]): Promise<TenantFixtures['searchTerms']> {
  const words = await sql<{ word: string; uses: number }[]>`
    SELECT word, count(*)::int AS uses FROM products, regexp_split_to_table(lower(name), '[^a-z]+') AS word
    WHERE tenant_id = ${tenantId} AND length(word) >= 3 GROUP BY word ORDER BY uses DESC, word`;
  const common = words.slice(0, 3).map((w) => w.word);
  const rare = words.slice(-2).map((w) => w.word);
  return { hit: [...new Set([...common, ...rare])], miss: misses };
}

/** Candidates no product matches in any searched column, in any tenant. */
async function missingTerms(sql: postgres.Sql): Promise<string[]> {
  const misses: string[] = [];
  for (const candidate of MISS_CANDIDATES) {
    const pattern = `%${candidate}%`;
    // count(*) rather than LIMIT 1: with a limit the planner bets on a seq scan and loses to the trigram indexes
    const [row] = await sql<{ found: number }[]>`
      SELECT count(*)::int AS found FROM products WHERE name ILIKE ${pattern} OR description ILIKE ${pattern} OR sku ILIKE ${pattern}`;
    if (row?.found === 0) misses.push(candidate);
  }
  return misses;
}
