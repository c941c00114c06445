import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decode } from 'hono/jwt';
import { TOKEN_TTL_SECONDS, verifyToken } from '../reference-server/auth/token.ts';
import { decodeCursor } from '../reference-server/lib/cursor.ts';
import { readFixtures, type Fixtures } from './fixtures-schema.ts';
import { seedDataset } from './seed.ts';
import { createScratchDatabase, type ScratchDatabase } from './test-support/scratch-database.ts';

// a database of our own: other suites write to the shared set (PATCH /products), which would blur these checks
const secret = 'fixtures-test-secret';
let db: ScratchDatabase;
let sql: postgres.Sql;
let fixtures: Fixtures;
let dir: string;

beforeAll(async () => {
  db = await createScratchDatabase(inject('databaseUrl'));
  dir = await mkdtemp(join(tmpdir(), 'perflab-fixtures-'));
  const { fixturesPath } = await seedDataset(db.url, { scale: 'tiny', seed: 42, jwtSecret: secret, fixturesPath: join(dir, 'fixtures.json') });
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  fixtures = await readFixtures(fixturesPath);
});
afterAll(async () => {
  await sql?.end();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const idsIn = async (table: string, tenantId: number, ids: number[]) =>
  (await sql.unsafe(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1 AND id = ANY($2)`, [tenantId, ids]))[0]!.n as number;

describe('fixtures file', () => {
  it('is valid, lists tenants largest first, and carries the loaded fingerprint', async () => {
    const sizes = fixtures.tenants.map((t) => t.products);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const [meta] = await sql`SELECT fingerprint, complete FROM dataset_meta`;
    expect(meta!.complete).toBe(true);
    expect(fixtures.fingerprint.checksum).toBe(meta!.fingerprint.checksum);
  });

  it('names ids that exist and belong to their tenant; hot ones are ordered, cold ones never', async () => {
    for (const t of fixtures.tenants) {
      expect(t.hotProductIds.length).toBeGreaterThan(0);
      expect(t.coldProductIds.length).toBeGreaterThan(0);
      expect(await idsIn('products', t.id, t.hotProductIds)).toBe(t.hotProductIds.length);
      expect(await idsIn('products', t.id, t.coldProductIds)).toBe(t.coldProductIds.length);
      expect(await idsIn('customers', t.id, t.customerIds)).toBe(t.customerIds.length);
      expect(await idsIn('orders', t.id, t.orderIds)).toBe(t.orderIds.length);
      const ordered = await sql`SELECT count(*)::int AS n FROM order_items WHERE product_id = ANY(${t.coldProductIds})`;
      expect(ordered[0]!.n).toBe(0);
      const [top] = await sql`
        SELECT count(*)::int AS n FROM order_items oi JOIN orders o ON o.id = oi.order_id
        WHERE o.tenant_id = ${t.id} GROUP BY oi.product_id ORDER BY n DESC LIMIT 1`;
      const [hottest] = await sql`SELECT count(*)::int AS n FROM order_items WHERE product_id = ${t.hotProductIds[0]!}`;
      expect(hottest!.n).toBe(top!.n);
    }
  });

  it('holds tokens that verify as the named users, who have the named roles in that tenant', async () => {
    for (const t of fixtures.tenants) {
      for (const role of ['viewer', 'editor', 'admin'] as const) {
        expect(await verifyToken(t.tokens[role], secret)).toEqual({ userId: t.users[role], tenantId: t.id, role });
        const [m] = await sql`SELECT role::text FROM memberships WHERE user_id = ${t.users[role]} AND tenant_id = ${t.id}`;
        expect(m?.role).toBe(role);
      }
    }
  });

  it('mints tokens that live a day, not a year (a deleted tenant’s token must not outlive it for long)', () => {
    expect(TOKEN_TTL_SECONDS).toBe(24 * 3600);
    for (const t of fixtures.tenants) {
      for (const token of Object.values(t.tokens)) {
        const { iat, exp } = decode(token).payload as { iat: number; exp: number };
        expect(exp - iat).toBe(24 * 3600);
      }
    }
  });

  it('gives deep-page cursors whose keyset page equals the OFFSET page', async () => {
    const big = fixtures.tenants[0]!;
    expect(big.deepPages.map((p) => p.page)).toEqual(expect.arrayContaining([2, 10]));
    for (const { page, limit, cursor } of big.deepPages) {
      const key = decodeCursor(cursor);
      expect(key).not.toBeNull();
      const keyset = await sql`
        SELECT id FROM products WHERE tenant_id = ${big.id} AND (created_at, id) < (${key!.createdAt}::timestamptz, ${key!.id})
        ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
      const offset = await sql`
        SELECT id FROM products WHERE tenant_id = ${big.id} ORDER BY created_at DESC, id DESC OFFSET ${(page - 1) * limit} LIMIT ${limit}`;
      expect(keyset.map((r) => r.id)).toEqual(offset.map((r) => r.id));
      expect(keyset.length).toBeGreaterThan(0);
    }
  });

  it('offers search terms that hit product names and terms that match nothing', async () => {
    for (const t of fixtures.tenants) {
      for (const term of t.searchTerms.hit) {
        const [row] = await sql`SELECT count(*)::int AS n FROM products WHERE tenant_id = ${t.id} AND name ILIKE ${`%${term}%`}`;
        expect(row!.n, term).toBeGreaterThan(0);
      }
      expect(t.searchTerms.miss.length).toBeGreaterThan(0);
      for (const term of t.searchTerms.miss) {
        const [row] = await sql`SELECT count(*)::int AS n FROM products WHERE name ILIKE ${`%${term}%`} OR description ILIKE ${`%${term}%`}`;
        expect(row!.n, term).toBe(0);
      }
      const [span] = await sql`SELECT min(created_at) AS "from", max(created_at) AS "to" FROM orders WHERE tenant_id = ${t.id}`;
      expect(t.orderDates).toEqual({ from: span!.from.toISOString(), to: span!.to.toISOString() });
    }
  });
});

describe('kv_store', () => {
  it('holds the same catalog as the relational tables', async () => {
    const big = fixtures.tenants[0]!;
    const [list] = await sql`SELECT value FROM kv_store WHERE key = ${`catalog:${big.id}:product-ids`}`;
    const ids = await sql`SELECT id FROM products WHERE tenant_id = ${big.id} ORDER BY created_at DESC, id DESC`;
    expect(list!.value).toEqual(ids.map((r) => r.id));
    const [product] = await sql`SELECT * FROM products WHERE id = ${big.hotProductIds[0]!}`;
    const [doc] = await sql`SELECT value FROM kv_store WHERE key = ${`product:${product!.id}`}`;
    expect(doc!.value).toEqual({
      id: product!.id,
      tenantId: product!.tenant_id,
      sku: product!.sku,
      name: product!.name,
      description: product!.description,
      priceCents: product!.price_cents,
      stock: product!.stock,
      createdAt: product!.created_at.toISOString(),
      updatedAt: product!.updated_at.toISOString(),
    });
  });
});
