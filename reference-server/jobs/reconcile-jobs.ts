import type PgBoss from 'pg-boss';
import type { Sql } from 'postgres';
import { IMPORT_QUEUE } from './queue.ts';

/** pg-boss states after which no worker will ever run the job again (v10: `failed` means no retry left). */
const GIVEN_UP: ReadonlySet<string> = new Set(['failed', 'cancelled']);

/**
 * Fails a `queued`/`running` job row whose pg-boss job was given up: expired after a crash,
 * failed by a graceful stop or by its last attempt's error, cancelled, or gone from the queue.
 * The worker's own error handler cannot cover those (it never runs when the process dies).
 * `processed` is left as it is: each batch commits together with its progress, so it is the
 * exact count of rows loaded. A worker still alive on an expired job finds the status moved and
 * stops at its next batch. Returns true when the row changed.
 *
 * pg-boss completes by job id, so a stale worker that finds its job taken over ('superseded')
 * marks the job `completed` while the new owner still runs it: a `completed` job whose row has
 * made no progress for a whole expiry period has lost that owner too, and is failed as well.
 */
export async function reconcileJob(sql: Sql, boss: PgBoss, jobId: string): Promise<boolean> {
  const queued = await boss.getJobById(IMPORT_QUEUE, jobId, { includeArchive: true });
  if (queued && queued.state === 'completed') return failIfIdle(sql, boss, jobId);
  if (queued && !GIVEN_UP.has(queued.state)) return false;
  const reason = queued
    ? `import stopped: the queue gave up on the job (${queued.state} after ${queued.retryCount} retries); rows already imported stay`
    : 'import stopped: the job is no longer in the queue; rows already imported stay';
  const changed = await sql`
    UPDATE jobs SET status = 'failed', error = ${reason}, updated_at = now()
    WHERE id = ${jobId} AND status IN ('queued', 'running') RETURNING id`;
  return changed.length > 0;
}

async function failIfIdle(sql: Sql, boss: PgBoss, jobId: string): Promise<boolean> {
  const expireInSeconds = ((await boss.getQueue(IMPORT_QUEUE)) as { expireInSeconds?: number } | null)?.expireInSeconds ?? 900;
  const changed = await sql`
    UPDATE jobs SET status = 'failed', error = 'import stopped: its worker made no progress for the whole expiry period; rows already imported stay', updated_at = now()
    WHERE id = ${jobId} AND status IN ('queued', 'running') AND updated_at < now() - make_interval(secs => ${expireInSeconds})
    RETURNING id`;
  return changed.length > 0;
}

/**
 * Reconciles the `running` import jobs (on worker start: what a previous process left behind);
 * returns how many were failed. Queued ones are left to `GET /jobs/:id`: a backlog can be long,
 * and running ones are few (workers × jobs per fetch × processes).
 */
export async function reconcileUnfinishedJobs(sql: Sql, boss: PgBoss): Promise<number> {
  const unfinished = await sql<{ id: string }[]>`SELECT id FROM jobs WHERE kind = 'bulk-import' AND status = 'running'`;
  let failed = 0;
  for (const { id } of unfinished) if (await reconcileJob(sql, boss, id)) failed += 1;
  return failed;
}
