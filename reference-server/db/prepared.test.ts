import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDatabase } from './client.ts';
import { tenants } from './schema.ts';

// one connection, so pg_prepared_statements (per session) sees every statement this client sent
const database = createDatabase({ databaseUrl: inject('databaseUrl'), dbPoolMax: 1, statementTimeoutMs: 5_000 });
afterAll(() => database.close());

const DRIZZLE_SELECT = 'select "id", "slug", "name" from "tenants" where "tenants"."id" = $1';

async function preparedCount(text: string): Promise<number> {
  const [row] = await database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = ${text}`;
  return row?.n ?? 0;
}

describe('Drizzle on the shared pool', () => {
  it('sends its statements prepared, as tagged templates are: no comparison also varies "prepared or not"', async () => {
    const { db } = database;
    for (let i = 0; i < 3; i++) await db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, 1));
    expect(await preparedCount(DRIZZLE_SELECT)).toBe(1);
  });

  it('prepares inside transactions too', async () => {
    const text = 'select "id" from "tenants" where "tenants"."slug" = $1';
    await database.db.transaction((tx) => tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'none')));
    expect(await preparedCount(text)).toBe(1);
  });
});
