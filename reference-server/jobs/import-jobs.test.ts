import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type PgBoss from 'pg-boss';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enqueueImport, getJob, type JobView } from './import-jobs.ts';
import type { ImportRow } from './import-rows.ts';
import { runImport, startImportWorker } from './import-worker.ts';
import { startJobQueue } from './queue.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';

const rowsOf = (n: number, prefix: string): ImportRow[] =>
  Array.from({ length: n }, (_, i) => ({ sku: `${prefix}-${i}`, name: `Item ${i}`, priceCents: i * 7, stock: i % 13 }));

let scratch: ScratchDatabase;
let sql: Sql;
let tenantId: number;
let otherTenantId: number;

async function importedCount(prefix: string): Promise<{ rows: number; distinct: number }> {
  const [row] = await sql<{ rows: number; distinct: number }[]>`
    SELECT count(*)::int AS rows, count(DISTINCT sku)::int AS distinct FROM imported_products
    WHERE tenant_id = ${tenantId} AND sku LIKE ${`${prefix}-%`}`;
  return row!;
}

async function waitForJob(id: string, done: (job: JobView) => boolean, timeoutMs = 30_000, boss?: PgBoss): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(sql, tenantId, id, boss);
    if (job && done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs crashing-worker.fixture.ts in a child process until it dies at `stage`. */
async function runCrashingWorker(schema: string, retryLimit: number, stage: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const fixture = fileURLToPath(new URL('../test-support/crashing-worker.fixture.ts', import.meta.url));
  const args = ['--import', 'tsx', fixture, scratch.url, schema, '2', String(retryLimit), stage];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // a worker that never reaches its stage must not hang the suite: SIGINT fails the caller's assertion
  const guard = setTimeout(() => child.kill('SIGINT'), 30_000);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(guard);
  return { code, signal };
}

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'));
  sql = postgres(scratch.url, { max: 4, onnotice: () => {} });
  const tenants = await sql<{ id: number }[]>`INSERT INTO tenants (slug, name) VALUES ('a', 'A'), ('b', 'B') RETURNING id`;
  tenantId = tenants[0]!.id;
  otherTenantId = tenants[1]!.id;
});

afterAll(async () => {
  await sql?.end();
  await scratch?.drop();
});

async function newJob(rows: ImportRow[]): Promise<string> {
  const [job] = await sql<{ id: string }[]>`INSERT INTO jobs (tenant_id, kind, total) VALUES (${tenantId}, 'bulk-import', ${rows.length}) RETURNING id`;
  return job!.id;
}

describe('runImport', () => {
  it('loads every row in batches and records progress per batch', async () => {
    const rows = rowsOf(2500, 'run');
    const jobId = await newJob(rows);
    const progress: string[] = [];
    // the status read right after each commit: the last batch and `succeeded` are one transaction,
    // so a worker stopped after its last batch cannot leave 2500/2500 rows and a `running` job
    const onBatch = async (p: { processed: number }) => void progress.push(`${p.processed} ${(await getJob(sql, tenantId, jobId))?.status}`);
    const outcome = await runImport(sql, { jobId, tenantId, rows }, { batchSize: 1000, onBatch });
    expect(outcome).toBe('succeeded');
    expect(progress).toEqual(['1000 running', '2000 running', '2500 succeeded']);
    expect(await importedCount('run')).toEqual({ rows: 2500, distinct: 2500 });
    expect(await getJob(sql, tenantId, jobId)).toMatchObject({ status: 'succeeded', total: 2500, processed: 2500, error: null });
    expect(await runImport(sql, { jobId, tenantId, rows })).toBe('already-finished');
  });

  it('two workers racing on one job load each row exactly once', async () => {
    const rows = rowsOf(3000, 'race');
    const jobId = await newJob(rows);
    const outcomes = await Promise.all([0, 1].map(() => runImport(sql, { jobId, tenantId, rows }, { batchSize: 100 })));
    expect(outcomes).toContain('succeeded');
    expect(await importedCount('race')).toEqual({ rows: 3000, distinct: 3000 });
    expect(await getJob(sql, tenantId, jobId)).toMatchObject({ status: 'succeeded', processed: 3000 });
  });

  it('hides another tenant’s job', async () => {
    const jobId = await newJob(rowsOf(1, 'hidden'));
    expect(await getJob(sql, otherTenantId, jobId)).toBeNull();
  });
});

describe('queue', () => {
  const schema = `pgboss_${Date.now().toString(36)}`;
  let boss: PgBoss;

  beforeAll(async () => {
    boss = await startJobQueue({ databaseUrl: scratch.url, schema, expireInSeconds: 2, maintenanceIntervalSeconds: 1 });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
  });

  it('a worker killed mid-job (SIGKILL) is replaced and the job completes without duplicates or losses', async () => {
    const rows = rowsOf(5000, 'crash');
    const { job } = await enqueueImport(sql, boss, { tenantId, rows, idempotencyKey: 'crash-1' });
    const { signal } = await runCrashingWorker(schema, 3, 'mid-import');
    expect(signal).toBe('SIGKILL');
    const halfway = await getJob(sql, tenantId, job.id);
    expect(halfway).toMatchObject({ status: 'running', processed: 1000 });
    expect(await importedCount('crash')).toEqual({ rows: 1000, distinct: 1000 });

    // pg-boss expires the dead worker's job after 2 s and retries it; the new worker resumes at 1000
    const seen: number[] = [];
    await startImportWorker(boss, sql, { batchSize: 500, onBatch: (p) => void seen.push(p.processed) });
    const finished = await waitForJob(job.id, (j) => j.status === 'succeeded');
    expect(finished).toMatchObject({ total: 5000, processed: 5000, error: null });
    expect(seen[0]).toBe(1500);
    expect(await importedCount('crash')).toEqual({ rows: 5000, distinct: 5000 });
  });

  it('the same Idempotency-Key returns the same job and never duplicates rows', async () => {
    const rows = rowsOf(1200, 'idem');
    const first = await enqueueImport(sql, boss, { tenantId, rows, idempotencyKey: 'idem-1' });
    const concurrent = await Promise.all([0, 1, 2].map(() => enqueueImport(sql, boss, { tenantId, rows, idempotencyKey: 'idem-1' })));
    expect(first.replayed).toBe(false);
    for (const again of concurrent) expect(again).toMatchObject({ replayed: true, job: { id: first.job.id } });
    await waitForJob(first.job.id, (j) => j.status === 'succeeded');
    const late = await enqueueImport(sql, boss, { tenantId, rows, idempotencyKey: 'idem-1' });
    expect(late).toMatchObject({ replayed: true, job: { id: first.job.id, status: 'succeeded', processed: 1200 } });
    expect(await importedCount('idem')).toEqual({ rows: 1200, distinct: 1200 });
    const [{ jobs }] = (await sql`SELECT count(*)::int AS jobs FROM jobs WHERE idempotency_key = 'idem-1'`) as unknown as [{ jobs: number }];
    expect(jobs).toBe(1);
  });
});

describe('a worker dying on the last attempt', () => {
  const schema = `pgboss_last_${Date.now().toString(36)}`;
  let boss: PgBoss;

  // retryLimit 0: the first attempt is the last, so whatever stops it leaves no retry behind
  beforeAll(async () => {
    boss = await startJobQueue({ databaseUrl: scratch.url, schema, expireInSeconds: 2, retryLimit: 0, maintenanceIntervalSeconds: 1 });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
  });

  const stages = [
    { stage: 'before-rows', exit: { code: null, signal: 'SIGKILL' }, rows: 0 },
    { stage: 'mid-import', exit: { code: null, signal: 'SIGKILL' }, rows: 1000 },
    { stage: 'sigterm-mid-import', exit: { code: 0, signal: null }, rows: 1000 },
  ] as const;
  for (const { stage, exit, rows: imported } of stages) {
    it(`${stage}: the job reads failed, never running forever, with its true row count`, async () => {
      const prefix = `last-${stage}`;
      const { job } = await enqueueImport(sql, boss, { tenantId, rows: rowsOf(5000, prefix), idempotencyKey: undefined });
      expect(await runCrashingWorker(schema, 0, stage)).toEqual(exit);
      const final = await waitForJob(job.id, (j) => j.status === 'failed' || j.status === 'succeeded', 20_000, boss);
      expect(final).toMatchObject({ status: 'failed', total: 5000, processed: imported });
      expect(final.error).toMatch(/^import stopped/);
      expect(await importedCount(prefix)).toEqual({ rows: imported, distinct: imported });
    });
  }

  it('a job pg-boss completed under a superseded worker, its new owner since gone idle, reads failed', async () => {
    const { job } = await enqueueImport(sql, boss, { tenantId, rows: rowsOf(3000, 'idle'), idempotencyKey: undefined });
    // the stale worker's completion: pg-boss completes by id, while the row says another worker got to 1000
    const [fetched] = await boss.fetch('bulk-import');
    expect(fetched?.id).toBe(job.id);
    await boss.complete('bulk-import', job.id);
    await sql`UPDATE jobs SET status = 'running', processed = 1000, updated_at = now() WHERE id = ${job.id}`;
    expect(await getJob(sql, tenantId, job.id, boss)).toMatchObject({ status: 'running' });
    // no progress for longer than the queue's 2 s expiry
    await sql`UPDATE jobs SET updated_at = now() - interval '3 seconds' WHERE id = ${job.id}`;
    expect(await getJob(sql, tenantId, job.id, boss)).toMatchObject({ status: 'failed', processed: 1000 });
  });

  it('a worker starting later fails the jobs a dead process left running', async () => {
    const { job } = await enqueueImport(sql, boss, { tenantId, rows: rowsOf(5000, 'left'), idempotencyKey: undefined });
    await runCrashingWorker(schema, 0, 'mid-import');
    await expect.poll(async () => (await boss.getJobById('bulk-import', job.id))?.state, { timeout: 20_000, interval: 200 }).toBe('failed');
    expect((await getJob(sql, tenantId, job.id))?.status).toBe('running');
    await startImportWorker(boss, sql);
    expect(await getJob(sql, tenantId, job.id)).toMatchObject({ status: 'failed', processed: 1000 });
  });
});
