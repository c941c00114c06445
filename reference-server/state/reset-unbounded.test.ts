import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import { testConfig, tokenFor } from '../test-support/index.ts';

// at 1M products the reset's restore and checksum run for seconds: the API's request limits must not cut them
let scratch: ScratchDatabase;
let runtime: Runtime;
let tenant: TenantFixtures;
let locker: postgres.Sql;

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: undefined, statementTimeoutMs: 100, requestTimeoutMs: 300 }));
  tenant = (await readFixtures(scratch.fixturesPath!)).tenants[0]!;
  locker = postgres(scratch.url, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await locker?.end();
  await runtime?.close();
  await scratch?.drop();
});

/** Runs `during` while another session holds products locked for `ms`: every statement on products waits that long, as one walking 1M rows runs that long. */
async function withProductsLocked<T>(ms: number, during: () => T | Promise<T>): Promise<T> {
  let locked!: () => void;
  const ready = new Promise<void>((resolve) => (locked = resolve));
  const holder = locker.begin(async (tx) => {
    await tx`LOCK TABLE products IN ACCESS EXCLUSIVE MODE`;
    locked();
    await tx`SELECT pg_sleep(${ms / 1000})`;
  });
  await ready;
  try {
    return await during();
  } finally {
    await holder;
  }
}

describe('POST /__reset under the API request limits', () => {
  it('waits out what takes longer than the statement timeout and the request deadline of measured requests', async () => {
    const app = createApp(runtime.deps);
    const admin = { authorization: `Bearer ${tokenFor(tenant, 'admin')}` };
    const reset = await withProductsLocked(1_000, () => app.request('/__reset', { method: 'POST', headers: admin }));
    expect(reset.status, await reset.clone().text()).toBe(200);
    expect(((await reset.json()) as { checksum: string }).checksum).toBe((await readFixtures(scratch.fixturesPath!)).fingerprint.stateChecksum);
  });

  it('a measured request still gets both limits', async () => {
    const app = createApp(runtime.deps);
    const measured = await withProductsLocked(1_000, () => app.request('/naive/products?limit=50&page=2', { headers: { authorization: `Bearer ${tokenFor(tenant, 'viewer')}` } }));
    expect(measured.status).toBe(503);
  });
});
