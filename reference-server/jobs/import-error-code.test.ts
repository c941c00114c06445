import type PgBoss from 'pg-boss';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enqueueImport, getJob, type JobView } from './import-jobs.ts';
import { importErrorCode } from './import-error-code.ts';
import { startImportWorker } from './import-worker.ts';
import { startJobQueue } from './queue.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';

let scratch: ScratchDatabase;
let sql: Sql;
let boss: PgBoss;
let tenantId: number;

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'));
  sql = postgres(scratch.url, { max: 4, onnotice: () => {} });
  const [tenant] = await sql<{ id: number }[]>`INSERT INTO tenants (slug, name) VALUES ('e', 'E') RETURNING id`;
  tenantId = tenant!.id;
  boss = await startJobQueue({ databaseUrl: scratch.url, retryLimit: 0 });
  await startImportWorker(boss, sql, { workers: 1 });
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await sql?.end();
  await scratch?.drop();
});

describe('a failed import', () => {
  it('stores and returns an error code, never the driver text (which names columns and values)', async () => {
    // beyond int4: the batch INSERT fails in Postgres with 22003 'value "3000000000" is out of range for type integer'
    const rows = [{ sku: 'big', name: 'Big', priceCents: 3_000_000_000, stock: 1 }];
    const { job } = await enqueueImport(sql, boss, { tenantId, rows, idempotencyKey: undefined });
    const deadline = Date.now() + 30_000;
    let seen: JobView | null = null;
    while (Date.now() < deadline && seen?.status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await getJob(sql, tenantId, job.id);
    }
    expect(seen).toMatchObject({ status: 'failed', error: 'import_failed: numeric_value_out_of_range' });
  });

  it('maps errors without a SQLSTATE to internal_error', () => {
    expect(importErrorCode(new Error('connection to 10.0.0.5 lost: password for user perflab'))).toBe('import_failed: internal_error');
    expect(importErrorCode({ code: '08006' })).toBe('import_failed: connection_exception');
  });
});
