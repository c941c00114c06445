import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { embeddedPackages } from './embedded-binaries.ts';
import { POSTGRES_SETTINGS } from './embedded-postgres.ts';
import { stopChild } from './cleanup.ts';
import { freePort } from './free-port.ts';
import { registerCleanupOf } from './register-handle.ts';
import { takeBaseBackup, type Owner } from './replica-base-backup.ts';

/** The physical slot (and walreceiver application_name) of perflab's standby on the primary. */
export const REPLICA_SLOT = 'perflab_replica';
const SLOT_NAME = /^[a-z0-9_]{1,63}$/;

/** A running physical standby; `stop()` shuts it down, deletes its data dir and drops its slot. */
export interface ReplicaHandle {
  /** Same user, password and database as the primary's URL, the standby's port. */
  url: string;
  /** Its slot on the primary, also its application_name in pg_stat_replication. */
  slot: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Why a standby cannot be built here (the primary is not a local embedded cluster, or not set up for it): one clear line. */
export class ReplicaUnavailableError extends Error {
  override name = 'ReplicaUnavailableError';
}

export interface ReplicaOptions {
  /** The slot and application_name, {@link REPLICA_SLOT} by default; tests standing up standbys side by side pass their own. */
  slot?: string;
  /** Default: the primary's data dir + `-<slot>`. */
  dataDir?: string;
  port?: number;
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

/**
 * Builds and starts a streaming physical standby of a local primary (the embedded cluster):
 * a physical replication slot, a base backup with the low-level backup API (the npm binaries
 * ship no pg_basebackup), `standby.signal` + `primary_conninfo` + `primary_slot_name`, then the
 * same `postgres` binary on a free port as a hot standby, resolved once it accepts read-only
 * connections. Registered for cleanup.
 */
export async function startStreamingReplica(primaryUrl: string, options: ReplicaOptions = {}): Promise<ReplicaHandle> {
  const slot = options.slot ?? REPLICA_SLOT;
  if (!SLOT_NAME.test(slot)) throw new ReplicaUnavailableError(`replication slot name '${slot}' must be 1-63 of a-z, 0-9, _`);
  const primary = postgres(primaryUrl, { max: 2, onnotice: () => {} });
  try {
    const sourceDir = await localDataDir(primary);
    const dataDir = options.dataDir ?? `${sourceDir}-${slot.replaceAll('_', '-')}`;
    const owner = process.getuid?.() === 0 ? await ownerOf(sourceDir) : null;
    // a slot left by a standby that died with its process keeps WAL on the primary forever: replace it
    await primary`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ${slot} AND NOT active`;
    await primary`SELECT pg_create_physical_replication_slot(${slot}, true)`;
    await takeBaseBackup(primary, sourceDir, dataDir, owner);
    await configureStandby(dataDir, primaryUrl, slot, owner);
    const port = options.port ?? (await freePort());
    const standby = await spawnStandby(dataDir, port, owner, () => dropSlot(primaryUrl, slot), options);
    const url = new URL(primaryUrl);
    url.port = String(port);
    return { url: url.toString(), slot, port, pid: standby.pid, stop: standby.stop };
  } catch (error) {
    await dropSlot(primaryUrl, slot).catch(() => {});
    throw error;
  } finally {
    await primary.end({ timeout: 1 });
  }
}

/** Why no standby can be built of this primary (one line), or null when it can. */
export async function replicaUnavailableReason(primaryUrl: string): Promise<string | null> {
  const primary = postgres(primaryUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await localDataDir(primary);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await primary.end({ timeout: 1 });
  }
}

async function localDataDir(primary: postgres.Sql): Promise<string> {
  const [row] = await primary<{ dir: string; wal: string; senders: number; recovery: boolean }[]>`
    SELECT current_setting('data_directory') AS dir, current_setting('wal_level') AS wal,
           current_setting('max_wal_senders')::int AS senders, pg_is_in_recovery() AS recovery`;
  if (!row) throw new ReplicaUnavailableError('the primary did not answer its settings');
  if (row.recovery) throw new ReplicaUnavailableError('the primary is itself a standby');
  if (row.wal === 'minimal' || row.senders === 0) throw new ReplicaUnavailableError(`the primary runs wal_level=${row.wal}, max_wal_senders=${row.senders}: a standby needs wal_level=replica and a WAL sender`);
  if (!existsSync(join(row.dir, 'PG_VERSION'))) {
    throw new ReplicaUnavailableError(`the primary's data directory (${row.dir}) is not on this machine (DATABASE_URL or a container): perflab builds a standby only of its embedded Postgres; set PERFLAB_REPLICA_URL to a replica of yours`);
  }
  return row.dir;
}

async function ownerOf(dir: string): Promise<Owner> {
  const { uid, gid } = await stat(dir);
  return { uid, gid };
}

/** A standby of the primary: streams from its slot as `perflab_replica`, with the password of the primary's URL. */
async function configureStandby(dataDir: string, primaryUrl: string, slot: string, owner: Owner | null): Promise<void> {
  const url = new URL(primaryUrl);
  const conninfo = [
    ['host', url.hostname || '127.0.0.1'],
    ['port', url.port || '5432'],
    ['user', decodeURIComponent(url.username)],
    ['password', decodeURIComponent(url.password)],
    ['application_name', slot],
  ]
    .map(([key, value]) => `${key}='${value!.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`)
    .join(' ');
  const settings = `\nprimary_conninfo = '${conninfo.replaceAll("'", "''")}'\nprimary_slot_name = '${slot}'\nhot_standby = on\n`;
  await appendFile(join(dataDir, 'postgresql.auto.conf'), settings);
  await writeFile(join(dataDir, 'standby.signal'), '');
  if (owner) {
    for (const file of ['postgresql.auto.conf', 'standby.signal', 'backup_label']) await chown(join(dataDir, file), owner.uid, owner.gid);
  }
}

/**
 * The standby logs "ready to accept read-only connections", which embedded-postgres's `start()`
 * does not wait for (it matches "ready to accept connections" only): spawn the binary directly.
 */
async function spawnStandby(dataDir: string, port: number, owner: Owner | null, releaseSlot: () => Promise<void>, options: ReplicaOptions): Promise<{ pid: number; stop(): Promise<void> }> {
  const binary = (await embeddedPackages()).postgres;
  const flags = [...POSTGRES_SETTINGS, 'listen_addresses=127.0.0.1', 'unix_socket_directories='].flatMap((s) => ['-c', s]);
  const child = spawn(binary, ['-D', dataDir, '-p', String(port), ...flags], { ...(owner ?? {}), stdio: ['ignore', 'ignore', 'pipe'] });
  const handle = registerCleanupOf(
    'Postgres standby',
    {
      stop: async () => {
        await stopChild(child, 'SIGINT', 10_000);
        await rm(dataDir, { recursive: true, force: true });
        await releaseSlot().catch(() => {});
      },
    },
    child.pid,
  );
  const log: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the standby did not accept connections within ${options.startTimeoutMs ?? 60_000} ms: ${log.slice(-3).join(' | ')}`)), options.startTimeoutMs ?? 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        log.push(line);
        if (log.length > 20) log.shift();
        options.onLog?.(line);
        if (line.includes('ready to accept read-only connections')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the standby exited (code ${code}) before accepting connections: ${log.slice(-3).join(' | ')}`));
    });
  }).catch(async (error: unknown) => {
    await handle.stop();
    throw new ReplicaUnavailableError(`standby failed to start in ${dataDir}: ${(error as Error).message}`);
  });
  return { pid: child.pid ?? -1, stop: handle.stop };
}

/**
 * Drops the slot so the primary stops keeping WAL for a standby that is gone; its WAL sender may
 * outlive the standby by a moment (the slot stays active until it exits), hence the short retry.
 */
export async function dropSlot(primaryUrl: string, slot: string = REPLICA_SLOT): Promise<void> {
  const sql = postgres(primaryUrl, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [row] = await sql<{ active: boolean }[]>`SELECT active FROM pg_replication_slots WHERE slot_name = ${slot}`;
      if (!row) return;
      if (!row.active) return void (await sql`SELECT pg_drop_replication_slot(${slot})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await sql.end({ timeout: 1 });
  }
}
