import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { FoundDriver } from '../drivers/driver.ts';
import { projectRoot } from '../../lib/paths.ts';
import type { HostInfo } from '../results/types.ts';
import { libraryVersions } from './reproducibility.ts';

/** The facts a timing figure is meaningless without: where it was measured, and with which generators. */
export function describeHost(services: Pick<HostInfo, 'postgres' | 'redis' | 'cacheBackend' | 'serverSettings' | 'postgresSettings'>, drivers: readonly FoundDriver[]): HostInfo {
  return {
    hostname: os.hostname(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    ...services,
    drivers: drivers.map((found) => ({ name: found.driver.name, version: found.version })),
    libraries: libraryVersions(projectRoot),
  };
}

export function gitSha(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}

/** Sortable, filesystem-safe and unique enough for one machine: `20261122-021502`. */
export function newRunId(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
