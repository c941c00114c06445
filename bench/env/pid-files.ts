import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './embedded-postgres.ts';
import { perflabDir } from '../../lib/paths.ts';

/** One file per service a perflab command started, so `perflab down` finds it if the command was killed outright. */
export const pidDir = join(perflabDir, 'pids');

/** What a pid file holds: `marker` must appear in the process's command line (pids get reused). */
export interface PidRecord {
  name: string;
  pid: number;
  marker: string;
}

/** Writes `.perflab/pids/<name>-<pid>.json`; returns how to remove it once the process is stopped. */
export function recordPid(record: PidRecord, dir = pidDir): () => void {
  const file = join(dir, `${record.name}-${record.pid}.json`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(record) + '\n');
  return () => rmSync(file, { force: true });
}

/** Every recorded process whose pid is still that process (its command line holds the marker); stale files are removed. */
export function recordedProcesses(dir = pidDir): PidRecord[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const live: PidRecord[] = [];
  for (const file of files) {
    const record = readRecord(join(dir, file));
    if (record && commandLine(record.pid)?.includes(record.marker)) live.push(record);
    else rmSync(join(dir, file), { force: true });
  }
  return live;
}

function readRecord(file: string): PidRecord | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidRecord>;
    return typeof value.pid === 'number' && typeof value.marker === 'string' && typeof value.name === 'string' ? (value as PidRecord) : null;
  } catch {
    return null;
  }
}

/** The command line of a live process, or null. */
export function commandLine(pid: number): string | null {
  if (!isAlive(pid)) return null;
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
