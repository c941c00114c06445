import { z } from 'zod';
import { DEV_JWT_SECRET } from './auth/token.ts';
import { maxImportBodyBytes } from './jobs/import-rows.ts';

/** The server's whole configuration; nothing else in reference-server reads process.env. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Absent → the in-process cache (and every report says so). */
  redisUrl: string | undefined;
  /** A streaming read replica of `databaseUrl`; absent → read-replica answers 503 "read replica not configured". */
  replicaUrl: string | undefined;
  jwtSecret: string;
  /**
   * postgres.js pool size. postgres.js 3.4.9 slows down steadily once more queries are in
   * flight than `max` (its busy queue grows, porsager/postgres#747), so keep it ≥ the load's
   * concurrency (connections or VUs) rather than at the usual "cores × 2".
   */
  dbPoolMax: number;
  statementTimeoutMs: number;
  /** postgres.js connect_timeout: how long a request may wait for a connection to an unreachable server. */
  dbConnectTimeoutSec: number;
  requestTimeoutMs: number;
  /** Admission control: requests handled at once per process (default: `dbPoolMax`); more wait in a queue of `maxQueued`, then are shed with 503. */
  maxInFlight: number;
  maxQueued: number;
  bodyLimitBytes: number;
  cacheTtlSec: number;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PERFLAB_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PERFLAB_JWT_SECRET: z.string().min(8).default(DEV_JWT_SECRET),
  PERFLAB_DB_POOL_MAX: int(1, 1000).default(32),
  PERFLAB_STATEMENT_TIMEOUT_MS: int(1, 600_000).default(5_000),
  PERFLAB_REQUEST_TIMEOUT_MS: int(1, 600_000).default(10_000),
  PERFLAB_DB_CONNECT_TIMEOUT_SEC: int(1, 600).default(2),
  // default: the pool size (see loadConfig)
  PERFLAB_MAX_IN_FLIGHT: int(1, 10_000).optional(),
  // room to park every connection of a heavy overload (200 here): a waiting request costs a socket,
  // a shed one comes back at once and answering that storm takes the CPU the admitted work needs
  PERFLAB_MAX_QUEUED: int(0, 100_000).default(1024),
  // the largest valid bulk import (5000 rows at every field limit), so the documented limits agree
  PERFLAB_BODY_LIMIT_BYTES: int(1, 100 * 1024 * 1024).default(maxImportBodyBytes()),
  PERFLAB_CACHE_TTL_SEC: int(1, 86_400).default(60),
});

/** Environment variable names the server reads, for docs, docker-compose and the CLI. */
export const CONFIG_ENV_KEYS = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

/** Thrown with one readable line naming the offending variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment (process.env by default) into a Config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid ${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'unknown error'}`);
  }
  const e = parsed.data;
  if (e.PERFLAB_JWT_SECRET === DEV_JWT_SECRET && !isLoopbackHost(e.HOST)) {
    // the dev secret is public: anyone who can reach the API could mint an admin token for any tenant
    throw new ConfigError(`HOST ${e.HOST} is beyond loopback: set PERFLAB_JWT_SECRET (the dev default secret is public and is only accepted on 127.0.0.1/::1/localhost)`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    replicaUrl: e.PERFLAB_REPLICA_URL,
    jwtSecret: e.PERFLAB_JWT_SECRET,
    dbPoolMax: e.PERFLAB_DB_POOL_MAX,
    statementTimeoutMs: e.PERFLAB_STATEMENT_TIMEOUT_MS,
    dbConnectTimeoutSec: e.PERFLAB_DB_CONNECT_TIMEOUT_SEC,
    requestTimeoutMs: e.PERFLAB_REQUEST_TIMEOUT_MS,
    // one pool connection per admitted request: more in flight only share the pool, every request
    // slows down with their number and, past the deadline, all of them time out together
    maxInFlight: e.PERFLAB_MAX_IN_FLIGHT ?? e.PERFLAB_DB_POOL_MAX,
    maxQueued: e.PERFLAB_MAX_QUEUED,
    bodyLimitBytes: e.PERFLAB_BODY_LIMIT_BYTES,
    cacheTtlSec: e.PERFLAB_CACHE_TTL_SEC,
  };
}

/** True for addresses only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
