import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAlive } from './embedded-postgres.ts';
import { servicesFile } from '../../lib/paths.ts';
import type { PostgresHandle } from './postgres.ts';
import type { RedisHandle } from './redis.ts';

/** What `perflab up` keeps running, as written to `.perflab/services.json`. */
export interface Services {
  hostPid: number;
  startedAt: string;
  dataDir: string;
  logFile: string | null;
  postgres: { url: string; source: PostgresHandle['source']; version: string; pid: number | null };
  redis: { url: string | null; source: RedisHandle['source']; version: string | null; pid: number | null; reason?: string | undefined };
}

/**
 * The services of a running `perflab up`, or null when there is none. A file whose host
 * process is gone is stale: it is removed and null returned.
 */
export async function readServices(file = servicesFile): Promise<Services | null> {
  const services = readServicesFile(file);
  if (!services) return null;
  const live = isAlive(services.hostPid) && (services.postgres.pid === null || isAlive(services.postgres.pid));
  if (live) return services;
  await rm(file, { force: true });
  return null;
}

/** The services file as written, alive or not; null when absent or unreadable. */
export function readServicesFile(file = servicesFile): Services | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Services;
  } catch {
    return null;
  }
}

/** Handles onto the services of `perflab up`: usable like provisioned ones, `stop()` leaves them running. */
export function servicesAsHandles(services: Services): { postgres: PostgresHandle; redis: RedisHandle } {
  const { postgres, redis } = services;
  return {
    postgres: { url: postgres.url, source: postgres.source, version: postgres.version, reused: true, stop: async () => {} },
    redis: { url: redis.url, source: redis.source, version: redis.version, reason: redis.reason, stop: async () => {} },
  };
}
