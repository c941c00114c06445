import { chmod, chown, copyFile, lstat, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from 'postgres';

/**
 * Contents a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level
 * API"): the WAL (the standby streams it from the slot), per-process and temporary state, and
 * the primary's own pid and option files. Their directories are kept, empty.
 */
const EMPTY_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'backup_label.old', 'tablespace_map', 'standby.signal', 'recovery.signal']);

/** Who owns the copy: the primary's data dir owner (Postgres runs as `postgres` when perflab runs as root). */
export interface Owner {
  uid: number;
  gid: number;
}

/**
 * A physical base backup of the primary at `sourceDir` into `targetDir`, with the low-level API:
 * `pg_backup_start` (fast checkpoint) on one session, a file copy while the primary keeps
 * running, `pg_backup_stop` on the same session, its label written as `backup_label`. The copy
 * is inconsistent on its own; replaying WAL from the label's start point makes it consistent.
 */
export async function takeBaseBackup(primary: Sql, sourceDir: string, targetDir: string, owner: Owner | null): Promise<void> {
  const session = await primary.reserve();
  try {
    await session`SELECT pg_backup_start('perflab replica', true)`;
    let label: string;
    try {
      await rm(targetDir, { recursive: true, force: true });
      await copyTree(sourceDir, targetDir, true);
    } finally {
      const [stopped] = await session<{ labelfile: string }[]>`SELECT labelfile FROM pg_backup_stop(false)`;
      label = stopped!.labelfile;
    }
    await writeFile(join(targetDir, 'backup_label'), label);
  } finally {
    session.release();
  }
  await chmod(targetDir, 0o700);
  if (owner) await chownTree(targetDir, owner);
}

/** Copies a live data dir: files that vanish mid-copy (temp files, dropped relations) are skipped, WAL replay recreates them. */
async function copyTree(from: string, to: string, top: boolean): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true }).catch(ignoreVanished([]))) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (top && SKIPPED_FILES.has(entry.name)) continue;
    if (entry.name.startsWith('pgsql_tmp')) continue;
    if (entry.isDirectory()) {
      if (top && EMPTY_DIRS.has(entry.name)) await mkdir(target, { recursive: true });
      else await copyTree(source, target, false);
    } else if (entry.isFile()) {
      await copyFile(source, target).catch(ignoreVanished(undefined));
    }
  }
}

async function chownTree(dir: string, owner: Owner): Promise<void> {
  await chown(dir, owner.uid, owner.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(path, owner);
    else if ((await lstat(path)).isFile()) await chown(path, owner.uid, owner.gid);
  }
}

function ignoreVanished<T>(fallback: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === 'ENOENT') return fallback;
    throw error;
  };
}
