import { rm } from 'node:fs/promises';
import { isAlive, runningCluster } from './embedded-postgres.ts';
import { defaultPgDataDir, servicesFile } from './paths.ts';
import { readServices } from './services.ts';

/** What `stopServices` found and stopped, for `perflab down` to print. */
export interface StopReport {
  host: number | null;
  orphanPostgres: number | null;
}

/**
 * Stops a running `perflab up` (SIGTERM to its host, which stops Postgres and Redis and
 * removes `services.json`), then any Postgres still running on the default data dir (left by a
 * process that was killed outright). Waits until the processes are gone.
 */
export async function stopServices(timeoutMs = 30_000): Promise<StopReport> {
  const report: StopReport = { host: null, orphanPostgres: null };
  const services = await readServices();
  if (services) {
    report.host = services.hostPid;
    await terminate(services.hostPid, 'SIGTERM', timeoutMs);
    for (const pid of [services.postgres.pid, services.redis.pid]) if (pid !== null) await terminate(pid, 'SIGINT', timeoutMs);
    await rm(servicesFile, { force: true });
  }
  const orphan = runningCluster(defaultPgDataDir);
  if (orphan) {
    report.orphanPostgres = orphan.pid;
    await terminate(orphan.pid, 'SIGINT', timeoutMs);
  }
  return report;
}

/** Sends `signal` (if alive) and waits for the pid to disappear; SIGKILL when `timeoutMs` passes. */
async function terminate(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
