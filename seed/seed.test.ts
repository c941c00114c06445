import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEEDED_TABLES, seedDataset } from './seed.ts';
import { createScratchDatabase, type ScratchDatabase } from './test-support/scratch-database.ts';

let db: ScratchDatabase;
let sql: postgres.Sql;
let dir: string;

beforeAll(async () => {
  db = await createScratchDatabase(inject('databaseUrl'));
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'perflab-seed-'));
});
afterAll(async () => {
  await sql?.end();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const meta = async () => (await sql`SELECT complete, loaded_at AS "loadedAt", fingerprint FROM dataset_meta`)[0];
const count = async (table: string) => (await sql.unsafe(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n as number;

describe('seedDataset', () => {
  it('loads tiny: the counts the fingerprint records, uneven tenants, every role in every tenant', async () => {
    const result = await seedDataset(db.url, { scale: 'tiny', seed: 42, fixturesPath: join(dir, 'a.json') });
    expect(result.skipped).toBe(false);
    for (const table of SEEDED_TABLES) expect(await count(table), table).toBe(result.fingerprint.rows[table]);
    expect(result.fingerprint.rows).toMatchObject({ tenants: 3, products: 2000, orders: 2000, kv_store: 2003 });
    expect(result.fingerprint.rows.order_items).toBeGreaterThan(5000);
    expect(await meta()).toMatchObject({ complete: true, fingerprint: { scale: 'tiny', seed: 42, checksum: result.fingerprint.checksum } });

    const perTenant = await sql`SELECT tenant_id AS id, count(*)::int AS n FROM products GROUP BY tenant_id ORDER BY n DESC`;
    expect(perTenant.map((t) => t.n)).toEqual([1001, 666, 333]);
    const roles = await sql`SELECT tenant_id, array_agg(DISTINCT role::text ORDER BY role::text) AS roles FROM memberships GROUP BY tenant_id`;
    for (const r of roles) expect(r.roles).toEqual(['admin', 'editor', 'viewer']);
    const statuses = await sql`SELECT DISTINCT status::text AS s FROM orders ORDER BY 1`;
    expect(statuses.map((r) => r.s)).toEqual(expect.arrayContaining(['cancelled', 'delivered', 'paid', 'shipped']));
    const [span] = await sql`SELECT extract(epoch FROM max(created_at) - min(created_at)) / 86400 AS days FROM orders`;
    expect(Number(span!.days)).toBeGreaterThan(600);
    // sequences continue after the explicit ids
    const [next] = await sql`SELECT nextval(pg_get_serial_sequence('products', 'id'))::int AS id`;
    expect(next!.id).toBe(2001);
  });

  it('skips a second run with the same fingerprint, leaving the load untouched', async () => {
    const before = await meta();
    const again = await seedDataset(db.url, { scale: 'tiny', seed: 42, fixturesPath: join(dir, 'b.json') });
    expect(again.skipped).toBe(true);
    expect(again.fingerprint.checksum).toBe(before!.fingerprint.checksum);
    expect((await meta())!.loadedAt).toEqual(before!.loadedAt);
  });

  it('reloads on force with the same checksum; another seed gives another checksum; custom counts are honoured', async () => {
    const before = await meta();
    const forced = await seedDataset(db.url, { scale: 'tiny', seed: 42, force: true, fixturesPath: join(dir, 'c.json') });
    expect(forced.skipped).toBe(false);
    expect(forced.fingerprint.checksum).toBe(before!.fingerprint.checksum);
    expect((await meta())!.loadedAt.getTime()).toBeGreaterThan(before!.loadedAt.getTime());

    const other = await seedDataset(db.url, { scale: 'tiny', seed: 7, products: 500, orders: 300, fixturesPath: join(dir, 'd.json') });
    expect(other.skipped).toBe(false);
    expect(other.fingerprint.checksum).not.toBe(forced.fingerprint.checksum);
    expect(other.fingerprint.rows).toMatchObject({ products: 500, orders: 300 });
    expect(await count('products')).toBe(500);
  });

  it('an aborted load rolls back and leaves the set marked incomplete', async () => {
    const controller = new AbortController();
    const seeding = seedDataset(db.url, {
      scale: 'tiny',
      seed: 3,
      fixturesPath: join(dir, 'e.json'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.table === 'orders') controller.abort();
      },
    });
    await expect(seeding).rejects.toMatchObject({ name: 'AbortError' });
    expect(await meta()).toMatchObject({ complete: false, fingerprint: { seed: 3 } });
    // the previous rows are back: the whole load was one transaction
    expect(await count('products')).toBe(500);
    const indexes = await sql`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'products'`;
    expect(indexes[0]!.n).toBe(6);

    const resumed = await seedDataset(db.url, { scale: 'tiny', seed: 3, fixturesPath: join(dir, 'e.json') });
    expect(resumed.skipped).toBe(false);
    expect((await meta())!.complete).toBe(true);
  });

  it('handles degenerate sizes: fewer products than tenants, no orders', async () => {
    const result = await seedDataset(db.url, { scale: 'tiny', seed: 1, products: 2, orders: 0, fixturesPath: join(dir, 'f.json') });
    expect(result.fingerprint.rows).toMatchObject({ tenants: 2, products: 2, orders: 0, order_items: 0 });
    const fixtures = JSON.parse(await readFile(result.fixturesPath, 'utf8'));
    expect(fixtures.tenants.map((t: { hotProductIds: number[] }) => t.hotProductIds)).toEqual([[], []]);
  });
});
