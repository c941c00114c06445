import { serve, type ServerType } from '@hono/node-server';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type Runtime } from '../../reference-server/app.ts';
import { createTestDeps } from '../../reference-server/test-support/index.ts';
import { readFixtures } from '../../seed/fixtures-schema.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { findK6 } from '../env/k6.ts';
import type { ProgressReporter } from '../run/progress.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { openStatementReader } from './pg-stat-statements.ts';
import { runTarget } from './run-target.ts';
import { parseTargetOptions } from './target-options.ts';

/**
 * The reference API as "the user's API": perflab knows nothing of it but its URL, a request list
 * or k6 script, and its database. Served without the job worker (pg-boss polls on a timer) on a
 * scratch database of this file's own, so the pg_stat_statements deltas hold only its requests.
 */
const PAGE = 5;
const silent: ProgressReporter = { plan() {}, start() {}, tick() {}, done() {}, line() {} };
let scratch: ScratchDatabase;
let runtime: Runtime;
let server: ServerType;
let baseUrl = '';
let dir = '';
let token = '';
const perRequest = { naive: 0, optimized: 0 };
const k6 = await findK6();
// a DATABASE_URL server may lack the extension; the embedded one the tests start preloads it (bench/env/embedded-postgres.ts)
const pgStatStatements = await openStatementReader(inject('databaseUrl')).then(
  async (reader) => (await reader.close(), true),
  () => false,
);
const skipWithoutPss = requireOrSkip('pg_stat_statements', pgStatStatements);

beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  runtime = await createTestDeps({ databaseUrl: scratch.url, redisUrl: undefined });
  const app = createApp(runtime.deps);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = (await readFixtures(scratch.fixturesPath!)).tenants[0]!.tokens.viewer;
  dir = await mkdtemp(join(tmpdir(), 'perflab-target-'));
  for (const variant of ['naive', 'optimized'] as const) {
    const res = await fetch(`${baseUrl}/${variant}/orders?limit=${PAGE}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    perRequest[variant] = Number(res.headers.get('x-query-count'));
    await writeFile(join(dir, `${variant}-orders.json`), JSON.stringify({ requests: [{ path: `/${variant}/orders?limit=${PAGE}`, headers: { authorization: `Bearer ${token}` } }] }));
  }
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await runtime?.close();
  await scratch?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Options as `perflab run --target <api> --scenario … --database-url <db>` parses them; `rate` makes it an open model. */
function options(files: string[], rate?: string) {
  const raw = { target: baseUrl, 'database-url': scratch.url, duration: '1', warmup: '1', repeat: '2', connections: '2', out: join(dir, 'reports'), ...(rate ? { rate } : {}) };
  const args = [...Object.entries(raw).flatMap(([k, v]) => [`--${k}`, v]), ...files.flatMap((f) => ['--scenario', join(dir, f)])];
  return parseTargetOptions(raw, args, []);
}

describe('perflab run --target --scenario against the reference API', () => {
  it.skipIf(skipWithoutPss)('counts statements per request from pg_stat_statements: the N+1 page runs 1 + 2·page + lines, the JOIN one', async () => {
    // what the server itself says one request runs: orders, then per order its customer and lines, per line its product
    expect(perRequest.naive).toBeGreaterThanOrEqual(1 + 2 * PAGE + PAGE);
    expect(perRequest.optimized).toBe(1);
    const outcome = await runTarget(options(['naive-orders.json', 'optimized-orders.json']), silent, 'test');
    const [summary] = outcome.results.comparisons;
    expect(summary).toMatchObject({ comparison: 'naive-orders-vs-optimized-orders', driver: 'autocannon' });
    // the probe counts exactly what the server says each request runs
    expect(summary!.queriesPerRequest).toEqual({ naive: perRequest.naive, optimized: 1 });
    expect(outcome.results.notices.join('\n')).toContain(`between two snapshots: naive-orders.json ${perRequest.naive.toFixed(2)}, optimized-orders.json 1.00. The measured windows' own deltas`);
    expect(outcome.results.scenarios.map((s) => `${s.variant}#${s.repeat}`)).toEqual(['naive#1', 'optimized#1', 'optimized#2', 'naive#2']);
    const top = outcome.results.notices.find((n) => n.startsWith('Top statements per request, naive-orders.json'));
    expect(top).toMatch(/N\+1 signature/);
    expect(top).toMatch(/"products"/);
    expect(outcome.results.notices.join('\n')).not.toMatch(/Top statements[^\n]*pg_stat_statements/);
    expect(outcome.files.map((f) => f.split('/').at(-1))).toEqual(['results.json', 'results.md', 'report.html', 'junit.xml']);
    expect(outcome.exitCode).toBe(0);
  });

  it.skipIf(skipWithoutPss)('measures one scenario alone: its figures, no ratio and no verdict', async () => {
    const outcome = await runTarget(options(['optimized-orders.json']), silent, 'test');
    expect(outcome.results.scenarios.every((s) => s.variant === 'naive')).toBe(true);
    expect(outcome.results.comparisons).toMatchObject([{ comparison: 'optimized-orders', verdict: 'no-verdict', throughputRatio: { estimate: null }, p95Ratio: { estimate: null }, verdictReason: expect.stringMatching(/measured alone/) }]);
    expect(outcome.results.variants[0]!.queriesPerRequest).toBe(1);
  });

  it.skipIf(skipWithoutPss || requireOrSkip('k6', k6 !== null))("runs a user's k6 script through the k6 driver, its thresholds judged by k6", async () => {
    await writeFile(
      join(dir, 'orders.js'),
      `import http from 'k6/http';
const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:3000';
export const options = { vus: 50, duration: '10m', thresholds: { http_req_failed: ['rate<0.01'] } };
export default function () {
  http.get(BASE_URL + '/naive/orders?limit=${PAGE}', { headers: { authorization: 'Bearer ${token}' } });
}
`,
    );
    const outcome = await runTarget(options(['orders.js'], '20'), silent, 'test');
    const [first] = outcome.results.scenarios;
    expect(first).toMatchObject({ driver: 'k6', durationSec: 1, loadModel: { type: 'open', rate: 20 } });
    expect(first!.succeeded).toBeGreaterThan(5);
    expect(first!.thresholds).toContainEqual(expect.objectContaining({ metric: 'http_req_failed', condition: 'rate<0.01', passed: true }));
    expect(outcome.results.variants[0]!.queriesPerRequest).toBe(perRequest.naive);
    expect(outcome.results.notices.join('\n')).toMatch(/k6 scripts ran inside perflab's wrapper/);
    expect(outcome.exitCode).toBe(0);
  });

  it.skipIf(skipWithoutPss || requireOrSkip('k6', k6 !== null))("exits 1 when the script's own threshold fails", async () => {
    await writeFile(join(dir, 'strict.ts'), `import http from 'k6/http';\nexport const options = { thresholds: { http_req_duration: ['max<0'] } };\nexport default function (): void {\n  http.get(__ENV.BASE_URL + '/health');\n}\n`);
    const outcome = await runTarget(options(['strict.ts'], '10'), silent, 'test');
    expect(outcome.results.scenarios[0]!.thresholds).toContainEqual(expect.objectContaining({ metric: 'http_req_duration', condition: 'max<0', passed: false }));
    expect(outcome.exitCode).toBe(1);
  });

  it('says in one line how to enable pg_stat_statements on a database without it', async () => {
    const admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    const name = `perflab_nopss_${process.pid}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(inject('databaseUrl'));
      url.pathname = `/${name}`;
      await expect(openStatementReader(url.toString())).rejects.toThrow(
        expect.objectContaining({ name: 'UsageError', message: expect.stringMatching(/pg_stat_statements is not available .*shared_preload_libraries.*CREATE EXTENSION pg_stat_statements/) }),
      );
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
