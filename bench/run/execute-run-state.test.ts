import { allSucceededOutput } from '../test-support/driver-output.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { catalogIds } from '../../scenarios/catalog.ts';
import { readFixtures, type Fixtures } from '../../seed/fixtures-schema.ts';
import type { Driver, FoundDriver, ScenarioCall } from '../drivers/driver.ts';
import { spawnApiServer, type ApiServerProcess } from '../server-process.ts';
import { executeRun, type RunContext } from './execute-run.ts';
import type { PlannedRun } from './plan.ts';
import { parseRunOptions } from './run-options.ts';
import { drainImports, harnessToken, resetState } from './run-state.ts';

const WARMUP_SEC = 1;
/** Requests the stand-in generator sends per measured window (2 per warm-up). */
const SENT = 5;

/**
 * A load generator that really sends the first few requests of its call, one after another, and
 * records every call: the server, its database, its job worker and the orchestrator are real.
 */
function sendingDriver(): { found: FoundDriver; calls: ScenarioCall[] } {
  const calls: ScenarioCall[] = [];
  const driver: Driver = {
    name: 'autocannon',
    evaluatesThresholds: 'harness',
    find: async () => found,
    loadModel: (profile) => ({ type: 'closed', connections: profile.closed.connections }),
  };
  const found: FoundDriver = {
    driver,
    version: 'test',
    async run(call) {
      calls.push(call);
      const count = call.durationSec === WARMUP_SEC ? 2 : SENT;
      for (const spec of call.requests.slice(0, count)) {
        const unique = `${calls.length}-${Math.random().toString(36).slice(2)}`;
        const fill = (text: string) => (spec.uniqueToken ? text.replaceAll(spec.uniqueToken, unique) : text);
        const headers = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, fill(v)]));
        const response = await fetch(call.baseUrl + spec.path, { method: spec.method, headers, body: spec.body === undefined ? undefined : fill(spec.body) });
        if (!response.ok) throw new Error(`${spec.method} ${spec.path} answered ${response.status}: ${await response.text()}`);
      }
      return allSucceededOutput(count, call.durationSec);
    },
  };
  return { found, calls };
}

let scratch: ScratchDatabase;
let server: ApiServerProcess;
let fixtures: Fixtures;
let token: string;
beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  // no Redis: the in-process cache is the server's own, so the harness may empty it
  server = await spawnApiServer({ databaseUrl: scratch.url, redisUrl: null });
  fixtures = await readFixtures(scratch.fixturesPath!);
  token = harnessToken(fixtures);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await scratch?.drop();
});

function context(found: FoundDriver, flags: Record<string, string | boolean> = {}): RunContext {
  const options = parseRunOptions({ duration: '2', warmup: String(WARMUP_SEC), repeat: '1', scale: 'tiny', ...flags }, catalogIds);
  return {
    baseUrl: server.baseUrl,
    fixtures,
    fixturesPath: scratch.fixturesPath!,
    options,
    drivers: new Map([['autocannon', found]]),
    signal: new AbortController().signal,
    progress: { plan() {}, start() {}, tick() {}, done() {}, line() {} },
    warmed: new Set(),
    state: { restore: true, flushCache: true, seededChecksum: fixtures.fingerprint.stateChecksum ?? null, token },
    warmupFixturesPath: scratch.fixturesPath!,
    cacheUsers: new Set(),
  };
}

const planned = (comparison: string, variant: 'naive' | 'optimized', repeat = 1): PlannedRun => ({ comparison, variant, repeat, driver: 'autocannon' });

describe('executeRun: every run from the same, checked state', () => {
  it('bulk-import optimized: throughput is rows durably imported per second, the queue drained and the worker statements counted per request', async () => {
    const { found } = sendingDriver();
    const run = await executeRun(planned('bulk-import', 'optimized'), 0, 1, context(found));
    expect(run.imports).toMatchObject({ rowsImported: SENT * 20, jobs: SENT, requestsPerSec: SENT / 2, deferredQueriesSource: '/__stats' });
    // per 20-row job: the UPDATE that takes it, then BEGIN, progress UPDATE, INSERT, COMMIT
    // (/__stats counts what was sent: a job that opened a worker connection adds its pg_type lookup)
    expect(run.imports?.deferredQueriesPerRequest).toBeGreaterThanOrEqual(5);
    expect(run.imports?.deferredQueriesPerRequest).toBeLessThanOrEqual(6);
    expect(run.throughput).toBe(run.imports?.rowsPerSec);
    expect(run.throughput).toBeCloseTo(SENT * 20 / run.imports!.importSec, 0);
    const after = (await (await fetch(`${server.baseUrl}/__imports`, { headers: { authorization: `Bearer ${token}` } })).json()) as { pendingJobs: number };
    expect(after.pendingJobs).toBe(0);
  }, 60_000);

  it('cache-invalidation: each run starts from the seeded written tables, whatever the previous run and the warm-up wrote', async () => {
    const ctx = context(sendingDriver().found);
    const checksums: (string | null)[] = [];
    for (const run of [planned('cache-invalidation', 'naive'), planned('cache-invalidation', 'optimized'), planned('cache-invalidation', 'naive', 2)]) {
      checksums.push((await executeRun(run, 0, 3, ctx)).datasetChecksum);
    }
    expect(checksums).toEqual([fixtures.fingerprint.stateChecksum, fixtures.fingerprint.stateChecksum, fixtures.fingerprint.stateChecksum]);
  }, 60_000);

  it('product-detail-cache: the warm-up draws from its own stream and never requests a cold id the measured window asks for', async () => {
    const { found, calls } = sendingDriver();
    await executeRun(planned('product-detail-cache', 'optimized'), 0, 1, context(found));
    const [warmup, measured] = calls as [ScenarioCall, ScenarioCall];
    expect(warmup.durationSec).toBe(WARMUP_SEC);
    expect(warmup.seed).not.toBe(measured.seed);
    const cold = new Set(fixtures.tenants[0]!.coldProductIds);
    const idOf = (path: string) => Number(path.split('/').pop());
    const measuredCold = new Set(measured.requests.map((r) => idOf(r.path)).filter((id) => cold.has(id)));
    expect(measuredCold.size).toBeGreaterThan(0);
    expect(warmup.requests.filter((r) => measuredCold.has(idOf(r.path)))).toEqual([]);
  }, 60_000);

  it('waits for queued import jobs within a bound, then fails naming them', async () => {
    const sql = (await import('postgres')).default(scratch.url, { max: 1, onnotice: () => {} });
    try {
      await sql`INSERT INTO jobs (tenant_id, kind, total) VALUES (${fixtures.tenants[0]!.id}, 'bulk-import', 3)`;
      await expect(drainImports(server.baseUrl, token, 1, 'bulk-import')).rejects.toThrow('bulk-import: 1 jobs still queued after 1 s');
      await sql`DELETE FROM jobs WHERE status = 'queued'`;
      const control = { restore: true, flushCache: false, seededChecksum: 'not the seeded state', token };
      await expect(resetState(server.baseUrl, control, false, 'a run')).rejects.toThrow(/a run: the data set differs from its seeded state after the restore/);
    } finally {
      await sql.end();
    }
  }, 60_000);

  it('a change to the written tables between runs fails the next run, even after read-only runs skipped the rescan', async () => {
    const ctx = context(sendingDriver().found);
    await executeRun(planned('orders-with-items', 'optimized'), 0, 3, ctx);
    await executeRun(planned('orders-with-items', 'naive'), 1, 3, ctx);
    const sql = (await import('postgres')).default(scratch.url, { max: 1, onnotice: () => {} });
    try {
      // a row the restore does not remove: only the checksum can notice it
      await sql`INSERT INTO kv_store (key, value) VALUES ('not-seeded', '{}'::jsonb)`;
      await expect(executeRun(planned('orders-with-items', 'optimized', 2), 2, 3, ctx)).rejects.toThrow(/differs from its seeded state after the restore/);
    } finally {
      await sql`DELETE FROM kv_store WHERE key = 'not-seeded'`;
      await sql.end();
    }
  }, 60_000);
});

describe('executeRun --aa: both sides run the optimized path', () => {
  it('sends the optimized request on the naive side too, warm-up included, and reads that route\'s server figures', async () => {
    const { found, calls } = sendingDriver();
    const ctx = context(found, { aa: true });
    const runs = [];
    for (const variant of ['naive', 'optimized'] as const) runs.push(await executeRun(planned('orders-with-items', variant), 0, 2, ctx));
    expect(calls.map((call) => call.variant)).toEqual(['optimized', 'optimized', 'optimized', 'optimized']);
    const paths = calls.flatMap((call) => call.requests.map((r) => r.path));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !path.startsWith('/optimized/'))).toEqual([]);
    // stored under the side it stood for, with the optimized route's one query per request
    expect(runs.map((run) => [run.variant, run.server.queriesPerRequest])).toEqual([['naive', 1], ['optimized', 1]]);
  }, 60_000);

  it('without --aa the naive side sends the naive request', async () => {
    const { found, calls } = sendingDriver();
    const run = await executeRun(planned('orders-with-items', 'naive'), 0, 1, context(found));
    expect(calls.every((call) => call.variant === 'naive' && call.requests.every((r) => r.path.startsWith('/naive/')))).toBe(true);
    expect(run.server.queriesPerRequest).toBeGreaterThan(1);
  }, 60_000);
});
