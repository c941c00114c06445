import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findK6 } from '../env/k6.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { decodeHistogram } from './hdr.ts';
import { K6Error, runK6, type K6Input } from './k6.ts';
import { k6Driver } from './k6-driver.ts';
import { closedPort, isAlive, startTestServer } from '../test-support/test-server.ts';
import { execFileSync } from 'node:child_process';

const k6Bin = (await findK6())?.bin ?? null;
const skip = requireOrSkip('k6', k6Bin !== null);

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const base = (): K6Input => ({
  baseUrl: server.baseUrl,
  comparison: 'orders-with-items',
  variant: 'naive',
  model: { type: 'open', rate: 40, maxConnections: 20 },
  durationSec: 2,
  fixturesPath: inject('fixturesPath'),
  k6Bin: k6Bin ?? '',
});

describe.skipIf(skip)('k6 driver (real k6)', () => {
  it('runs a catalog script and folds its summary and samples into consistent figures', async () => {
    const summaryPath = join(await mkdtemp(join(tmpdir(), 'perflab-k6-test-')), 'summary.json');
    const out = await runK6({ ...base(), summaryPath });
    // one measured window: the script's own warm-up scenario (for `k6 run` by hand) stays off
    const summary = JSON.parse(await readFile(summaryPath, 'utf8')) as { perflab: { warmupSec: number } };
    expect(summary.perflab.warmupSec).toBe(0);
    expect(out.requests).toBeGreaterThan(0);
    expect(out.perSecond).toHaveLength(2);
    expect(out.perSecond.reduce((a, b) => a + b, 0)).toBe(out.requests);
    expect(out.errors).toBe(0);
    expect(out.non2xx).toBe(0);
    const l = out.latencyMs;
    expect(l.p50).toBeGreaterThan(0);
    expect(l.p50).toBeLessThanOrEqual(l.p99);
    expect(l.p99).toBeLessThanOrEqual(l.max);
    expect(decodeHistogram(out.histogram ?? '').totalCount).toBe(out.requests);
    expect(out.generator.offeredRate).toBe(40);
    // 20 VUs at 40/s on a no-op route have a VU free unless the server stalls for 0.5 s: nothing is dropped, and 0 is reported, not null
    expect(out.generator.droppedIterations).toBe(0);
    expect(out.thresholds.map((t) => `${t.metric} ${t.condition}`).sort()).toEqual([
      'checks{scenario:measure} rate>0.99',
      'http_req_duration{scenario:measure} p(95)<100',
      'http_req_failed{scenario:measure} rate<0.01',
    ]);
    expect(out.thresholds.every((t) => typeof t.actual === 'number')).toBe(true);
  });

  it('reports the iterations k6 dropped when its VUs cannot keep up with the offered rate', async () => {
    // one VU offered 5,000/s for 2 s: it cannot start them all, and every missed start is a dropped iteration
    const out = await runK6({ ...base(), model: { type: 'open', rate: 5000, maxConnections: 1 } });
    const dropped = out.generator.droppedIterations ?? 0;
    expect(dropped).toBeGreaterThan(0);
    expect(out.requests).toBeLessThan(10_000);
    expect(out.requests + dropped).toBeGreaterThan(0.9 * 10_000);
    // k6 counts iterations at the window's edge either way: within 1% of the offered total
    expect(out.requests + dropped).toBeLessThanOrEqual(10_000 * 1.01);
  });

  it('maps exit code 99 to failed thresholds, not to a crash', async () => {
    const out = await runK6({ ...base(), model: { type: 'closed', connections: 1 }, thresholds: { 'http_reqs{scenario:measure}': ['count<1'] } });
    expect(out.requests).toBeGreaterThan(0);
    expect(out.thresholds.find((t) => t.metric === 'http_reqs{scenario:measure}')).toEqual({ metric: 'http_reqs{scenario:measure}', condition: 'count<1', passed: false, actual: out.requests });
  });

  it('fails loudly on a threshold whose tag matches no sample (grafana/k6#1526)', async () => {
    await expect(runK6({ ...base(), thresholds: { 'http_req_duration{scenario:mesure}': ['p(95)<1000'] } })).rejects.toThrow(
      /matched no samples.*http_req_duration\{scenario:mesure\}/,
    );
  });

  it('fails on a threshold naming a metric that does not exist', async () => {
    await expect(runK6({ ...base(), thresholds: { no_such_metric: ['count<1'] } })).rejects.toThrow(/no metric name "no_such_metric"/);
  });

  it('setup fails fast when the server is not there', async () => {
    const port = await closedPort();
    await expect(runK6({ ...base(), baseUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(/setup: GET .*\/health answered/);
  });

  it('abort kills k6 and rejects; no orphan process', async () => {
    const controller = new AbortController();
    const run = runK6({ ...base(), durationSec: 30 }, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 1500));
    const pids = k6Pids();
    expect(pids.length).toBeGreaterThan(0);
    controller.abort(new Error('stopped by test'));
    await expect(run).rejects.toThrow('stopped by test');
    await expect.poll(() => pids.some(isAlive), { timeout: 5000 }).toBe(false);
  });
});

describe('k6 driver without k6', () => {
  it('find() says k6 is missing in one line', async () => {
    const saved = { K6_BIN: process.env.K6_BIN, PATH: process.env.PATH, HOME: process.env.HOME };
    delete process.env.K6_BIN;
    process.env.PATH = '/nonexistent';
    process.env.HOME = '/nonexistent'; // nor the build .ci/run caches there
    try {
      const result = await k6Driver.find();
      expect(result).toEqual({ driver: k6Driver, missing: 'k6 not found (set K6_BIN or put k6 on PATH; see README)' });
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it('reports a k6 binary that cannot start', async () => {
    await expect(runK6({ ...base(), baseUrl: 'http://127.0.0.1:1', fixturesPath: '/dev/null', k6Bin: '/nonexistent/k6' })).rejects.toThrow(K6Error);
  });
});

/** k6 processes that are children of this test process. */
function k6Pids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => /\bk6$/.test(line.trim()))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}
