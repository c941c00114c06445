import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { Sql, TransactionSql } from 'postgres';
import { HttpError } from '../http/errors.ts';
import type { ImportRow } from './import-rows.ts';
import type { ImportJobData } from './import-worker.ts';
import { IMPORT_QUEUE } from './queue.ts';
import { reconcileJob } from './reconcile-jobs.ts';

/** What `GET /jobs/:id` answers. */
export interface JobView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  error: string | null;
}

/** The new job, or the one an earlier request with the same Idempotency-Key created. */
export interface EnqueueResult {
  job: JobView;
  replayed: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` can be a job id at all; anything else is a 400 before the database is asked. */
export function isJobId(id: string): boolean {
  return UUID.test(id);
}

/**
 * sha256 of the rows as the import will load them (after validation and trimming), in a fixed
 * field order: two bodies that differ only in key order or whitespace are the same request.
 */
export function importRequestHash(rows: readonly ImportRow[]): string {
  const canonical = JSON.stringify(rows.map((r) => [r.sku, r.name, r.priceCents, r.stock]));
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Records the job and queues it in ONE transaction: pg-boss inserts its row through our
 * transaction (its `db` option), so a crash can never leave a job that is recorded but never
 * queued, or queued twice. The same (tenant, Idempotency-Key) returns the first job: the unique
 * index makes a concurrent duplicate wait for the first insert and then find it. The key is
 * bound to the body it first came with: the same key with other rows is refused (422
 * `idempotency_key_reused`) instead of answering with a job that will never load them.
 */
export async function enqueueImport(
  sql: Sql,
  boss: PgBoss,
  request: { tenantId: number; rows: ImportRow[]; idempotencyKey: string | undefined },
): Promise<EnqueueResult> {
  const { tenantId, rows, idempotencyKey } = request;
  const requestHash = idempotencyKey === undefined ? null : importRequestHash(rows);
  return sql.begin(async (tx) => {
    const [created] = await tx<JobView[]>`
      INSERT INTO jobs (tenant_id, kind, idempotency_key, request_hash, total)
      VALUES (${tenantId}, 'bulk-import', ${idempotencyKey ?? null}, ${requestHash}, ${rows.length})
      ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
      RETURNING id, status, total, processed, error`;
    if (!created) {
      const [existing] = await tx<(JobView & { requestHash: string | null })[]>`
        SELECT id, status, total, processed, error, request_hash AS "requestHash" FROM jobs
        WHERE tenant_id = ${tenantId} AND idempotency_key = ${idempotencyKey ?? null}`;
      if (!existing) throw new Error('idempotent job vanished between insert and select');
      // a job recorded before hashes were kept (NULL) replays as it always did
      if (existing.requestHash !== null && existing.requestHash !== requestHash) {
        throw new HttpError(422, 'idempotency_key_reused', `Idempotency-Key was already used for job ${existing.id} with a different body`);
      }
      const { requestHash: _, ...job } = existing;
      return { job, replayed: true };
    }
    const data: ImportJobData = { jobId: created.id, tenantId, rows };
    await boss.send(IMPORT_QUEUE, data, { id: created.id, db: transactionExecutor(tx) });
    return { job: created, replayed: false };
  }) as Promise<EnqueueResult>;
}

/**
 * A job of the caller's tenant, or null (another tenant's job is as absent as a missing one).
 * With the queue at hand, an unfinished job is first reconciled with pg-boss, so a job whose
 * worker died on its last attempt reads `failed`, never `running` forever.
 */
export async function getJob(sql: Sql, tenantId: number, id: string, boss?: PgBoss): Promise<JobView | null> {
  const read = async () =>
    (await sql<JobView[]>`SELECT id, status, total, processed, error FROM jobs WHERE id = ${id} AND tenant_id = ${tenantId}`)[0] ?? null;
  const job = await read();
  if (!job || !boss || job.status === 'succeeded' || job.status === 'failed') return job;
  return (await reconcileJob(sql, boss, id)) ? read() : job;
}

/**
 * pg-boss's executor interface over a postgres.js transaction. pg-boss writes for node-pg, which
 * sends undefined as NULL and objects (the job data) as JSON. postgres.js refuses undefined, and
 * how it serialises a jsonb parameter depends on the client (Drizzle swaps in an identity
 * serializer), so objects go as JSON text and the statement's own `::jsonb` cast converts them.
 */
function transactionExecutor(tx: TransactionSql): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const params = values.map((v: unknown) =>
        v === undefined ? null : v !== null && typeof v === 'object' && !(v instanceof Date) ? tx.typed(JSON.stringify(v), TEXT_OID) : v,
      );
      return { rows: await tx.unsafe(text, params as never[]) };
    },
  };
}

const TEXT_OID = 25;
