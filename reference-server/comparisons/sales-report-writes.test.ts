import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { requestBoth, testConfig, tokenFor } from '../test-support/index.ts';
import type { App } from './types.ts';

// writes order_items: a seeded database of this file's own
let scratch: ScratchDatabase;
let runtime: Runtime;
let app: App;
let sql: Sql;
let tenant: TenantFixtures;

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  tenant = (await readFixtures(scratch.fixturesPath!)).tenants[0]!;
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: undefined }));
  app = createApp(runtime.deps);
  sql = runtime.deps.sql;
});
afterAll(async () => {
  await runtime?.close();
  await scratch?.drop();
});

/** Orders whose item_quantity is not the sum of their lines (none, while the triggers hold). */
const drifted = async () =>
  (await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM orders o
    WHERE o.item_quantity <> coalesce((SELECT sum(quantity) FROM order_items i WHERE i.order_id = o.id), 0)`)[0]!.n;

async function reportsAgree(): Promise<number> {
  const to = tenant.orderDates.to.slice(0, 10);
  const from = new Date(Date.parse(to) - 365 * 86_400_000).toISOString().slice(0, 10);
  const range = `/reports/sales?from=${from}&to=${to}`;
  const { naive, optimized } = await requestBoth(app, range, { token: tokenFor(tenant) });
  expect(naive.status, naive.text).toBe(200);
  expect(optimized.text).toBe(naive.text);
  return naive.body.totals.items;
}

describe('sales-report after writes to order_items', () => {
  it('keeps orders.item_quantity true, so both variants still agree, through INSERT, UPDATE, a moved line and DELETE', async () => {
    expect(await drifted()).toBe(0);
    const before = await reportsAgree();
    const orders = await sql<{ id: number }[]>`
      SELECT id FROM orders WHERE tenant_id = ${tenant.id} ORDER BY created_at DESC, id DESC LIMIT 2`;
    const [a, b] = [orders[0]!.id, orders[1]!.id];
    const [product] = await sql<{ id: number }[]>`SELECT id FROM products WHERE tenant_id = ${tenant.id} LIMIT 1`;
    const [line] = await sql<{ id: number }[]>`
      INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (${a}, ${product!.id}, 7, 100) RETURNING id`;
    expect(await reportsAgree()).toBe(before + 7);
    await sql`UPDATE order_items SET quantity = quantity + 3 WHERE id = ${line!.id}`;
    expect(await reportsAgree()).toBe(before + 10);
    await sql`UPDATE order_items SET order_id = ${b}, quantity = 4 WHERE id = ${line!.id}`;
    expect(await reportsAgree()).toBe(before + 4);
    await sql`DELETE FROM order_items WHERE order_id = ${a}`;
    await reportsAgree();
    expect(await drifted()).toBe(0);
  });
});
