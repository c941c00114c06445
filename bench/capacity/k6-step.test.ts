import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isFound, type FoundDriver } from '../drivers/driver.ts';
import { k6Driver } from '../drivers/k6-driver.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { parseSlo } from './slo.ts';
import { judgeStep } from './step-result.ts';
import { measureOpenStep, type StepRunnerOptions } from './step-runner.ts';

const found = await k6Driver.find();
const skip = requireOrSkip('k6', isFound(found));
const slo = parseSlo('p95<100ms');

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The capacity runner's options for one k6 step against the test server (its `/naive/*` routes answer at once). */
function runner(sloMs: number): StepRunnerOptions {
  return {
    found: found as FoundDriver,
    callFor: (model, durationSec) => ({ baseUrl: server.baseUrl, comparison: 'orders-with-items', variant: 'naive', requests: [], model, durationSec, fixturesPath: inject('fixturesPath'), seed: 42 }),
    stepSec: 2,
    warmupSec: 1,
    minConnections: 1,
    sloMs,
  };
}

describe.skipIf(skip)('a capacity step driven by real k6', () => {
  it('measures the offered rate after a discarded warm-up and passes a step the server holds', async () => {
    // 20 VUs, not the 8 the SLO sizes: a stall of the in-process test server must not drop an iteration
    const step = await measureOpenStep({ ...runner(100), minConnections: 20 }, 40);
    expect(step.offeredRate).toBe(40);
    // the measured window only: 2 s at 40/s, not the warm-up's second as well
    expect(step.succeeded + step.failed).toBeGreaterThanOrEqual(60);
    expect(step.succeeded + step.failed).toBeLessThanOrEqual(84);
    expect(step.failed).toBe(0);
    expect(step.droppedIterations).toBe(0);
    expect(step.latencyMs.p50).toBeGreaterThan(0);
    expect(step.latencyMs.p50).toBeLessThanOrEqual(step.latencyMs.p99);
    expect(step.dbMsPerRequest).toBeNull();
    expect(judgeStep(step, slo)).toEqual({ passed: true, breaches: [], reasons: [] });
  }, 60_000);

  it('fails a step whose arrivals k6 could not start (too few VUs for the rate): the rate, not the server, is judged', async () => {
    // a 0.1 ms SLO sizes the VU pool (Little's law) at one VU: 3,000/s cannot all start on it
    const step = await measureOpenStep(runner(0.1), 3000);
    expect(step.droppedIterations).toBeGreaterThan(0);
    const judged = judgeStep(step, slo);
    expect(judged.passed).toBe(false);
    expect(judged.breaches).toContain('rate');
  }, 60_000);
});
