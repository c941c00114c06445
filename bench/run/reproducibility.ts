import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Config } from '../../reference-server/config.ts';
import type { HostInfo } from '../results/types.ts';

/** The libraries whose versions shape the figures: the API's stack and the Node-side generators (k6's version is in host.drivers). */
export const SHAPING_LIBRARIES = ['postgres', 'drizzle-orm', 'hono', '@hono/node-server', 'ioredis', 'autocannon', 'undici'] as const;

/** The Postgres settings a figure depends on most: memory, durability cost, planner extras, connection limit. */
export const POSTGRES_SETTING_NAMES = ['shared_buffers', 'work_mem', 'fsync', 'synchronous_commit', 'jit', 'max_connections'] as const;

/** The API settings that change its figures: pool, timeouts, admission limits, body limit, cache TTL. */
export type ServerSettings = Pick<Config, 'dbPoolMax' | 'statementTimeoutMs' | 'dbConnectTimeoutSec' | 'requestTimeoutMs' | 'maxInFlight' | 'maxQueued' | 'bodyLimitBytes' | 'cacheTtlSec'>;

/** Installed version of each shaping library, read from its package.json under `root`; null when it is not installed. */
export function libraryVersions(root: string): HostInfo['libraries'] {
  return Object.fromEntries(SHAPING_LIBRARIES.map((name) => [name, installedVersion(root, name)])) as HostInfo['libraries'];
}

function installedVersion(root: string, name: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : null;
  } catch {
    return null;
  }
}

/**
 * True when the work tree differs from its commit (modified, staged or untracked files that git
 * does not ignore): then the commit alone does not say what ran. Null outside a git work tree.
 */
export function gitDirty(cwd: string): boolean | null {
  try {
    const status = execFileSync('git', ['status', '--porcelain'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    return status.trim() !== '';
  } catch {
    return null;
  }
}

/** The settings as `SHOW` prints them (`128MB`, `on`), read through the same database the API uses. */
export async function readPostgresSettings(databaseUrl: string): Promise<NonNullable<HostInfo['postgresSettings']>> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const rows = await sql<{ name: string; value: string }[]>`select name, current_setting(name) as value from unnest(${[...POSTGRES_SETTING_NAMES]}::text[]) as name`;
    return Object.fromEntries(POSTGRES_SETTING_NAMES.map((name) => [name, rows.find((row) => row.name === name)?.value ?? 'unknown'])) as NonNullable<HostInfo['postgresSettings']>;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** The figure-shaping part of the API's configuration (no URLs, no secret). */
export function serverSettings(config: Config): ServerSettings {
  const { dbPoolMax, statementTimeoutMs, dbConnectTimeoutSec, requestTimeoutMs, maxInFlight, maxQueued, bodyLimitBytes, cacheTtlSec } = config;
  return { dbPoolMax, statementTimeoutMs, dbConnectTimeoutSec, requestTimeoutMs, maxInFlight, maxQueued, bodyLimitBytes, cacheTtlSec };
}
