import { readFile, readlink } from 'node:fs/promises';
import type { Sql } from 'postgres';

/** Linux reports /proc CPU times in USER_HZ ticks, 100 per second on every architecture. */
const TICKS_PER_SECOND = 100;

/** User + system CPU ticks of a cluster's processes, by pid. */
export type CpuTicks = Map<number, number>;

/**
 * The CPU ticks so far of every process of the cluster `sql` is connected to (its backends and
 * background processes, from pg_stat_activity), read from /proc. A pid counts only when its
 * working directory is the cluster's data directory, so a remote server (whose pids mean
 * nothing here) gives null instead of some local process's figures.
 */
export async function clusterCpuTicks(sql: Sql): Promise<CpuTicks | null> {
  const rows = await sql<{ pid: number; dir: string }[]>`SELECT pid, current_setting('data_directory') AS dir FROM pg_stat_activity`.catch(() => []);
  const ticks: CpuTicks = new Map();
  for (const { pid, dir } of rows) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
    const stat = cwd === dir ? await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null) : null;
    if (stat !== null) ticks.set(pid, cpuTicksOf(stat));
  }
  return ticks.size > 0 ? ticks : null;
}

/** utime + stime of one `/proc/<pid>/stat` line (fields 14 and 15; the command name may hold spaces, so count from its `)`). */
export function cpuTicksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU milliseconds the cluster spent between two readings; a process started in between counts whole. */
export function cpuMsBetween(before: CpuTicks, after: CpuTicks): number {
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
