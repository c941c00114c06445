import { rm } from 'node:fs/promises';
import { isAlive, runningCluster } from './embedded-postgres.ts';
import { defaultPgDataDir, servicesFile } from '../../lib/paths.ts';
import { commandLine, recordedProcesses } from './pid-files.ts';
import { readServicesFile } from './services.ts';

/** What `stopServices` found and stopped, for `perflab down` to print. */
export interface StopReport {
  /** The `up` host that was running, if any. */
  host: number | null;
  /** Processes that outlived their host (it was killed outright) and were stopped here. */
  leftovers: number[];
  /** Services a killed command (e.g. `perflab run`) left running, found through their pid files. */
  strays: number[];
}

/**
 * Stops a running `perflab up`: SIGTERM to its host, which stops Postgres and Redis and removes
 * `services.json`. If the host had been killed outright, stops the Postgres and redis-server it
 * left (checking each pid's command line first: pids get reused), and any Postgres still running
 * on the default data dir, and every service whose pid file (`.perflab/pids/`) outlived the
 * command that started it. Waits until the processes are gone.
 */
export async function stopServices(timeoutMs = 30_000): Promise<StopReport> {
  const report: StopReport = { host: null, leftovers: [], strays: [] };
  const services = readServicesFile();
  if (services) {
    if (isAlive(services.hostPid)) {
      report.host = services.hostPid;
      await terminate(services.hostPid, 'SIGTERM', timeoutMs);
    }
    const owned: Array<[number | null, string]> = [
      [services.postgres.pid, services.dataDir],
      [services.redis.pid, 'redis-server'],
    ];
    for (const [pid, marker] of owned) {
      if (pid !== null && commandLine(pid)?.includes(marker)) {
        report.leftovers.push(pid);
        await terminate(pid, 'SIGINT', timeoutMs);
      }
    }
    await rm(servicesFile, { force: true });
  }
  const orphan = runningCluster(defaultPgDataDir);
  if (orphan) {
    report.leftovers.push(orphan.pid);
    await terminate(orphan.pid, 'SIGINT', timeoutMs);
  }
  for (const stray of recordedProcesses()) {
    report.strays.push(stray.pid);
    await terminate(stray.pid, 'SIGINT', timeoutMs);
  }
  recordedProcesses(); // removes the files of what was just stopped
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
