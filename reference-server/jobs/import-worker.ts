import type PgBoss from 'pg-boss';
import type { Sql } from 'postgres';
import { importErrorCode } from './import-error-code.ts';
import type { ImportRow } from './import-rows.ts';
import { newRequestMetrics, withRequestMetrics } from '../http/request-metrics.ts';
import { IMPORT_QUEUE } from './queue.ts';
import { reconcileUnfinishedJobs } from './reconcile-jobs.ts';

/** What an import job carries through the queue: everything the worker needs, nothing it must look up. */
export interface ImportJobData {
  jobId: string;
  tenantId: number;
  rows: ImportRow[];
}

/** Worker tuning; `onBatch` runs after each committed batch (tests use it to kill a worker mid-job). */
export interface ImportWorkerOptions {
  /** Rows per INSERT transaction. */
  batchSize?: number;
  /** Concurrent polling loops in this process (default 2, one per core here). */
  workers?: number;
  /** Jobs taken per poll (default 4), run one after another. */
  jobsPerFetch?: number;
  pollingIntervalSeconds?: number;
  /** Runs when a job is taken, before its first batch (tests use it to kill a worker before any row). */
  onStart?: (jobId: string) => void | Promise<void>;
  onBatch?: (progress: { jobId: string; processed: number; total: number }) => void | Promise<void>;
  /**
   * Runs after each run of a job, with the statements it sent (counted like a request's:
   * the run is a RequestMetrics scope), failed runs included; pg-boss's own polling and
   * completion statements go through pg-boss's pool and are not in it.
   */
  onStatements?: (jobId: string, statements: number) => void;
}

/** How a run ended: done, nothing left to do, or another worker owns the job now. */
export type ImportOutcome = 'succeeded' | 'already-finished' | 'superseded';

/** 1000 rows × 4 arrays is one statement; bigger batches stop paying once WAL and index upkeep dominate. */
export const DEFAULT_IMPORT_BATCH = 1000;

/**
 * Loads a job's rows from `jobs.processed` onward, one batch per transaction. Each transaction
 * first advances `processed` from the offset this worker expects, which locks the job row:
 * a batch commits together with its progress or not at all, so a worker killed mid-job leaves
 * an exact resume point, and a stale worker racing a retry finds the offset moved and stops.
 * `ON CONFLICT DO NOTHING` makes a replayed batch harmless all the same.
 */
export async function runImport(sql: Sql, data: ImportJobData, options: ImportWorkerOptions = {}): Promise<ImportOutcome> {
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH;
  const { jobId, tenantId, rows } = data;
  const [job] = await sql<{ processed: number }[]>`
    UPDATE jobs SET status = 'running', updated_at = now()
    WHERE id = ${jobId} AND status IN ('queued', 'running')
    RETURNING processed`;
  if (!job) return 'already-finished';
  await options.onStart?.(jobId);

  let offset = job.processed;
  while (offset < rows.length) {
    const batch = rows.slice(offset, offset + batchSize);
    const next = offset + batch.length;
    // the last batch commits `succeeded` with its rows: all rows loaded and the job finished are one fact
    const status = next === rows.length ? 'succeeded' : 'running';
    const advanced = await sql.begin(async (tx) => {
      const [owned] = await tx`
        UPDATE jobs SET processed = ${next}, status = ${status}::job_status, error = NULL, updated_at = now()
        WHERE id = ${jobId} AND processed = ${offset} AND status = 'running'
        RETURNING id`;
      if (!owned) return false;
      await tx`
        INSERT INTO imported_products (tenant_id, job_id, sku, name, price_cents, stock)
        SELECT ${tenantId}, ${jobId}::uuid, r.sku, r.name, r.price_cents, r.stock
        FROM unnest(${batch.map((r) => r.sku)}::text[], ${batch.map((r) => r.name)}::text[],
                    ${batch.map((r) => r.priceCents)}::int[], ${batch.map((r) => r.stock)}::int[])
          AS r(sku, name, price_cents, stock)
        ON CONFLICT (tenant_id, sku) DO NOTHING`;
      return true;
    });
    if (!advanced) return 'superseded';
    offset = next;
    await options.onBatch?.({ jobId, processed: offset, total: rows.length });
  }
  return 'succeeded';
}

/** Records a job's final failure once pg-boss has no retry left for it. */
export async function failImport(sql: Sql, jobId: string, message: string): Promise<void> {
  await sql`UPDATE jobs SET status = 'failed', error = ${message.slice(0, 500)}, updated_at = now() WHERE id = ${jobId} AND status <> 'succeeded'`;
}

/**
 * Subscribes workers to the import queue; returns their pg-boss ids. pg-boss v10 polls on a fixed
 * cadence (≥ 0.5 s) per worker, so each fetch takes up to `jobsPerFetch` jobs, a full fetch polls
 * again at once, and `workers` loops poll side by side. A throwing run is left to pg-boss to
 * retry (the resume point makes that safe, and jobs of the batch that already finished return at
 * once); only the last attempt's error marks the job failed.
 */
export async function startImportWorker(boss: PgBoss, sql: Sql, options: ImportWorkerOptions = {}): Promise<string[]> {
  const { workers = 2, jobsPerFetch = 4, pollingIntervalSeconds = 0.5 } = options;
  // jobs a previous process left `running` when pg-boss has since given up on them
  await reconcileUnfinishedJobs(sql, boss);
  const run = async (job: PgBoss.JobWithMetadata<ImportJobData>) => {
    try {
      await runImport(sql, job.data, options);
    } catch (error) {
      if (job.retryCount >= job.retryLimit) await failImport(sql, job.data.jobId, importErrorCode(error));
      throw error;
    }
  };
  const handler = async (jobs: PgBoss.JobWithMetadata<ImportJobData>[]) => {
    for (const job of jobs) {
      const metrics = newRequestMetrics();
      try {
        await withRequestMetrics(metrics, () => run(job));
      } finally {
        options.onStatements?.(job.data.jobId, metrics.queries);
      }
    }
  };
  const ids: string[] = [];
  for (let i = 0; i < workers; i++) {
    let id = '';
    id = await boss.work<ImportJobData>(IMPORT_QUEUE, { batchSize: jobsPerFetch, includeMetadata: true, pollingIntervalSeconds }, async (jobs) => {
      await handler(jobs);
      // a full fetch means a backlog: poll again at once instead of waiting out the cadence
      if (jobs.length === jobsPerFetch) boss.notifyWorker(id);
    });
    ids.push(id);
  }
  return ids;
}
