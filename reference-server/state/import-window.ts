import type { Sql } from 'postgres';
import { DEFAULT_IMPORT_BATCH } from '../jobs/import-worker.ts';

/** Rows durably imported since the last restore, and when: what bulk-import's rows/s is made of. */
export interface ImportWindow {
  /** Import jobs still queued or running. */
  pendingJobs: number;
  /** Rows in imported_products (the last restore emptied it: all are this window's). */
  rows: number;
  /** The first write of the window: the first job recorded or the first row committed (ISO). */
  firstAt: string | null;
  /** The last row committed (ISO). */
  lastAt: string | null;
  /** Import jobs the window created. */
  jobs: number;
  /**
   * Statements the job worker ran for those jobs, from the jobs table: per job 1 UPDATE that
   * takes it, then per batch of ≤ DEFAULT_IMPORT_BATCH rows BEGIN, UPDATE progress, INSERT,
   * COMMIT. pg-boss's own fetch/complete statements are not included.
   */
  workerStatements: number;
}

/** The import figures of the window since the last restore; every timestamp is the database's clock. */
export async function importWindow(sql: Sql): Promise<ImportWindow> {
  const [row] = await sql<{ pending: number; rows: number; first: string | null; last: string | null; jobs: number; statements: number }[]>`
    SELECT
      (SELECT count(*)::int FROM jobs WHERE status IN ('queued', 'running')) AS pending,
      (SELECT count(*)::int FROM imported_products) AS rows,
      to_char(least((SELECT min(created_at) FROM imported_products), (SELECT min(created_at) FROM jobs)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS first,
      to_char((SELECT max(created_at) FROM imported_products) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last,
      (SELECT count(*)::int FROM jobs) AS jobs,
      (SELECT coalesce(sum(1 + 4 * ceil(processed::numeric / ${DEFAULT_IMPORT_BATCH})), 0)::int FROM jobs WHERE processed > 0) AS statements`;
  return {
    pendingJobs: row?.pending ?? 0,
    rows: row?.rows ?? 0,
    firstAt: row?.first ?? null,
    lastAt: row?.last ?? null,
    jobs: row?.jobs ?? 0,
    workerStatements: row?.statements ?? 0,
  };
}
