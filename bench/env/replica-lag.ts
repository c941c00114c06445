import type { Sql } from 'postgres';

/** Replication lag at one instant, as the primary sees its standby in pg_stat_replication. */
export interface LagSample {
  /** WAL the primary has written that the standby has not replayed yet. */
  bytes: number;
  /** Time from a commit on the primary to its replay on the standby (null while idle: nothing to replay). */
  ms: number | null;
}

/** What one server did, summed over pg_stat_statements (its own monitoring statements left out). */
export interface ServerWork {
  statements: number;
  execMs: number;
  rows: number;
  /** Shared buffers hit + read. */
  blocks: number;
}

/** The standby's lag now (the most lagging one when `slot` is ''); null when it is not connected. */
export async function sampleLag(primary: Sql, slot: string): Promise<LagSample | null> {
  const [row] = await primary<{ bytes: string | null; ms: number | null }[]>`
    SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text AS bytes,
           (extract(epoch FROM replay_lag) * 1000)::float8 AS ms
    FROM pg_stat_replication WHERE ${slot} = '' OR application_name = ${slot}
    ORDER BY pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) DESC NULLS LAST LIMIT 1`;
  if (!row || row.bytes === null) return null;
  return { bytes: Number(row.bytes), ms: row.ms };
}

/**
 * Resolves once the standby has replayed everything the primary had written when called; throws
 * after `timeoutMs` (a standby that does not stream must fail a test, not hang it).
 */
export async function waitForReplay(primary: Sql, replica: Sql, timeoutMs = 10_000): Promise<void> {
  const [target] = await primary<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await replica<{ done: boolean }[]>`SELECT coalesce(pg_last_wal_replay_lsn() >= ${target!.lsn}::pg_lsn, false) AS done`;
    if (row?.done) return;
    if (Date.now() > deadline) throw new Error(`the standby did not replay ${target!.lsn} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The work a server has done so far in its current database, from pg_stat_statements (updated as
 * each statement ends, unlike pg_stat_database, which backends flush up to a second later).
 * Statements reading pg_stat_* (this one, the lag samples) are left out. Null without the extension.
 */
export async function serverWork(sql: Sql): Promise<ServerWork | null> {
  const rows = await sql<{ statements: string; exec_ms: number; rows: string; blocks: string }[]>`
    SELECT coalesce(sum(calls), 0)::text AS statements, coalesce(sum(total_exec_time), 0)::float8 AS exec_ms,
           coalesce(sum(rows), 0)::text AS rows, coalesce(sum(shared_blks_hit + shared_blks_read), 0)::text AS blocks
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
    WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_%'`.catch(() => null);
  const row = rows?.[0];
  if (!row) return null;
  return { statements: Number(row.statements), execMs: row.exec_ms, rows: Number(row.rows), blocks: Number(row.blocks) };
}

/** `after − before`, per request. */
export function workPerRequest(before: ServerWork, after: ServerWork, requests: number): ServerWork {
  const per = (a: number, b: number) => (requests > 0 ? (a - b) / requests : 0);
  return {
    statements: per(after.statements, before.statements),
    execMs: per(after.execMs, before.execMs),
    rows: per(after.rows, before.rows),
    blocks: per(after.blocks, before.blocks),
  };
}
