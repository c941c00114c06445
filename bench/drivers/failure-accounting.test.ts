import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findK6 } from '../env/k6.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { runAutocannon } from './autocannon.ts';
import { decodeHistogram } from './hdr.ts';
import { runK6 } from './k6.ts';
import { startTestServer } from '../test-support/test-server.ts';
import type { DriverOutput, LoadModel } from './types.ts';

const k6Bin = (await findK6())?.bin ?? null;
// naive → GET /status/503 (fails at once), optimized → GET /delay/20 (200 after 20 ms)
const SCRIPT = fileURLToPath(new URL('../test-support/failure-accounting.k6.ts', import.meta.url));
const fails = { method: 'GET' as const, path: '/status/503', headers: {} };
const succeeds = { method: 'GET' as const, path: '/delay/20', headers: {} };
const open: LoadModel = { type: 'open', rate: 50, maxConnections: 4 };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A route that answers 503 at once: no success, so no throughput and no latency, every answer a failure. */
function expectAllFailed(out: DriverOutput): void {
  expect(out.requests).toBeGreaterThan(0);
  expect(out.succeeded).toBe(0);
  expect(out.throughput).toBe(0);
  expect(out.perSecond.every((n) => n === 0)).toBe(true);
  expect(out.histogram).toBeNull();
  expect(out.statusClasses).toEqual({ '2xx': 0, '3xx': 0, '4xx': 0, '5xx': out.requests, transport: 0 });
  expect(out.failed).toBe(out.requests);
  expect(out.failureRate).toBe(1);
  expect(decodeHistogram(out.failureHistogram ?? '').totalCount).toBe(out.requests);
}

/** The 200 route after its service time: every answer a success, timed at ≥ the service time. */
function expectAllSucceeded(out: DriverOutput): void {
  expect(out.succeeded).toBeGreaterThan(0);
  expect(out.failed).toBe(0);
  expect(out.failureRate).toBe(0);
  expect(out.throughput).toBe(out.succeeded / 2);
  expect(out.latencyMs.p50).toBeGreaterThanOrEqual(20);
  expect(decodeHistogram(out.histogram ?? '').totalCount).toBe(out.succeeded);
  expect(out.failureHistogram).toBeNull();
}

describe('failed requests are not throughput (autocannon driver)', () => {
  it('closed model: a 503 route has no throughput and no latency; a 200 route has no failures', async () => {
    const run = (spec: typeof fails) => runAutocannon({ baseUrl: server.baseUrl, requests: [spec], model: { type: 'closed', connections: 2 }, durationSec: 2 });
    expectAllFailed(await run(fails));
    expectAllSucceeded(await run(succeeds));
  });

  it('open model: the same, and the 503s still count as delivered load', async () => {
    const run = (spec: typeof fails) => runAutocannon({ baseUrl: server.baseUrl, requests: [spec], model: open, durationSec: 2 });
    const failed = await run(fails);
    expectAllFailed(failed);
    expect(failed.requests).toBe(100);
    expect(failed.generator.rateHeld).toBe(true);
    expectAllSucceeded(await run(succeeds));
  });
});

describe.skipIf(requireOrSkip('k6', k6Bin !== null))('failed requests are not throughput (k6 driver)', () => {
  const run = (variant: 'naive' | 'optimized', model: LoadModel = open) =>
    runK6({ baseUrl: server.baseUrl, comparison: 'failure-accounting', variant, model, durationSec: 2, script: SCRIPT, k6Bin: k6Bin ?? '' });

  it('a 503 route has no throughput and no latency; a 200 route has no failures', async () => {
    const failed = await run('naive');
    expectAllFailed(failed);
    expect(failed.thresholds.find((t) => t.metric === 'http_req_failed{scenario:measure}')?.passed).toBe(false);
    expectAllSucceeded(await run('optimized'));
  });

  it('says when k6 ran out of VUs: dropped iterations counted, latencies flagged as omitting the queue', async () => {
    // one VU serves 1000/20 = 50 req/s at most; 150 offered
    const out = await run('optimized', { type: 'open', rate: 150, maxConnections: 1 });
    expect(out.generator.droppedIterations).toBeGreaterThan(50);
    expect(out.generator.vusExhausted).toBe(true);
    expect(out.generator.reason).toMatch(/k6 ran out of VUs \(\d+ iterations dropped\): latencies omit the queue/);
  });

  it('does not flag VUs that sufficed', async () => {
    // ten VUs for 20 req/s of 20 ms requests: under half a VU busy on average
    const out = await run('optimized', { type: 'open', rate: 20, maxConnections: 10 });
    expect(out.generator.droppedIterations).toBe(0);
    expect(out.generator.vusExhausted).toBe(false);
  });
});
