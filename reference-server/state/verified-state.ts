import type { Sql } from 'postgres';
import { restoreWrites, type RestoreOutcome } from './restore-writes.ts';
import { stateChecksum } from './state-checksum.ts';

/** A checksum of the written tables, and the transaction id horizon it was taken at. */
export interface VerifiedState {
  /** The cluster's next transaction id when the checksum was taken, with no transaction holding one running. */
  xidHorizon: string;
  checksum: string;
}

export interface RestoreVerdict {
  restored: RestoreOutcome;
  checksum: string;
  /** True: no transaction wrote since `last` was taken, so its checksum still holds and nothing was scanned. */
  unchanged: boolean;
  /** What the next call may compare against; null when a writer was running as the checksum was taken. */
  verified: VerifiedState | null;
}

const NOTHING_RESTORED: RestoreOutcome = { products: 0, importedRows: 0, jobs: 0, usageCounters: 0 };

/**
 * One past the cluster's last finished transaction id, or null while a transaction holding an id
 * still runs (any session's `backend_xid`). A row is inserted, updated, deleted or locked only by a
 * transaction given an id, and the value moves when such a transaction commits or aborts: while it
 * stays the same and nothing holding an id runs, no table of any database changed.
 */
export async function quietXidHorizon(sql: Sql): Promise<string | null> {
  const [row] = await sql<{ xmax: string; writers: number }[]>`
    SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
      (SELECT count(*)::int FROM pg_stat_activity WHERE backend_xid IS NOT NULL) AS writers`;
  return row && row.writers === 0 ? row.xmax : null;
}

/**
 * Restores the write comparisons' rows and takes the checksum of the result — unless no
 * transaction was given an id since `last` was taken: then nothing can have changed (a read-only
 * run, the reset after a read warm-up) and `last`'s checksum is answered without a scan.
 * The horizon is read before the checksum: a writer that commits after it moves the horizon
 * (the next call scans), one still running makes it null (nothing to compare against).
 */
export async function restoreAndVerify(sql: Sql, last: VerifiedState | null): Promise<RestoreVerdict> {
  if (last !== null && (await quietXidHorizon(sql)) === last.xidHorizon) {
    // nothing finished writing since, and nothing is writing now
    return { restored: NOTHING_RESTORED, checksum: last.checksum, unchanged: true, verified: last };
  }
  const restored = await restoreWrites(sql);
  const horizon = await quietXidHorizon(sql);
  const checksum = await stateChecksum(sql);
  return { restored, checksum, unchanged: false, verified: horizon === null ? null : { xidHorizon: horizon, checksum } };
}
