import { describe, expect, it } from 'vitest';
import { simulateStep, type SimulatedServer } from './simulated-server.ts';
import { parseSlo } from './slo.ts';
import { runSearch, type SearchPlan } from './step-search.ts';
import { DEFAULT_BUDGET } from './capacity-plan.ts';

const slo = parseSlo('p95<100ms,p99<250ms');
const plan: SearchPlan = { startRate: 50, slo, ...DEFAULT_BUDGET.search };
const measureOn = (server: SimulatedServer) => (rate: number) => simulateStep(server, rate, 20);

describe('the capacity step search against a simulated M/D/c server', () => {
  it.each([
    { workers: 4, serviceMs: 10 },
    { workers: 8, serviceMs: 25 },
    { workers: 2, serviceMs: 3 },
  ])('finds the capacity workers/service time within 10% ($workers workers × $serviceMs ms)', async ({ workers, serviceMs }) => {
    const capacity = (workers * 1000) / serviceMs;
    const state = await runSearch(plan, measureOn({ workers, serviceMs, maxConnections: 256 }));
    expect(state.outcome?.kind).toBe('found');
    if (state.outcome?.kind !== 'found') return;
    expect(Math.abs(state.outcome.maxRate - capacity) / capacity).toBeLessThanOrEqual(0.1);
    expect(state.outcome.maxRate).toBeLessThanOrEqual(capacity);
    expect(state.outcome.interval.high).toBeGreaterThan(state.outcome.maxRate);
    expect(state.steps.filter((s) => s.phase === 'bisect')).toHaveLength(plan.bisections);
    const maxRate = state.outcome.maxRate;
    expect(state.steps.filter((s) => s.phase === 'confirm' && s.rate === maxRate)).toHaveLength(plan.confirmations);
  });

  it('says latency broke first for a server that only queues', async () => {
    const state = await runSearch(plan, measureOn({ workers: 4, serviceMs: 10, maxConnections: 256 }));
    expect(state.outcome).toMatchObject({ kind: 'found', brokeFirst: 'latency' });
  });

  it('says the generator, not the server, capped a sweep the generator cannot drive', async () => {
    const state = await runSearch(plan, measureOn({ workers: 64, serviceMs: 1, maxConnections: 256, generatorLimit: 1000 }));
    expect(state.outcome).toMatchObject({ kind: 'generator-capped', lowerBound: 800, cappedAt: 1600 });
  });

  it('claims no capacity for a server that fails at the first step and at every rate below it', async () => {
    const state = await runSearch(plan, measureOn({ workers: 1, serviceMs: 200, maxConnections: 256 }));
    expect(state.outcome).toMatchObject({ kind: 'none-passed', lowestRate: 1, brokeFirst: 'latency' });
    expect(state.steps.map((s) => s.rate)).toEqual([50, 13, 3, 1]);
  });

  it('walks down again when every passed rate fails its repeat', async () => {
    const server = { workers: 4, serviceMs: 10, maxConnections: 256 };
    const state = await runSearch(plan, (rate, phase) => {
      const result = simulateStep(server, rate, 20);
      return phase === 'confirm' && rate >= 200 ? { ...result, failed: result.succeeded, failureRate: 0.5 } : result;
    });
    expect(state.outcome?.kind).toBe('found');
    expect((state.outcome as { maxRate: number }).maxRate).toBeLessThan(200);
    expect(state.steps.filter((s) => s.phase === 'confirm' && s.passed).length).toBe(plan.confirmations);
  });

  it('walks down no lower than minRate (a step needs enough requests for a p95)', async () => {
    const state = await runSearch({ ...plan, minRate: 10 }, measureOn({ workers: 1, serviceMs: 200, maxConnections: 256 }));
    expect(state.outcome).toMatchObject({ kind: 'none-passed', lowestRate: 10 });
    expect(state.steps.map((s) => s.rate)).toEqual([50, 13, 10]);
  });

  it('walks down from a first step above capacity, then bisects up to the maximum', async () => {
    const state = await runSearch({ ...plan, startRate: 1600 }, measureOn({ workers: 4, serviceMs: 10, maxConnections: 256 }));
    expect(state.steps.slice(0, 2).map((s) => [s.rate, s.passed])).toEqual([[1600, false], [400, false]]);
    expect(state.outcome?.kind).toBe('found');
    expect(Math.abs((state.outcome as { maxRate: number }).maxRate - 400) / 400).toBeLessThanOrEqual(0.1);
  });

  it('names errors when failures pass 1% before latency does', async () => {
    const state = await runSearch(plan, measureOn({ workers: 64, serviceMs: 1, maxConnections: 256, errorShare: 0.5 }));
    expect(state.outcome).toMatchObject({ kind: 'none-passed', brokeFirst: 'errors' });
  });

  it('reports a lower bound, not a maximum, when every ramp step passes', async () => {
    const state = await runSearch({ ...plan, maxRampSteps: 3 }, measureOn({ workers: 64, serviceMs: 1, maxConnections: 256 }));
    expect(state.outcome).toEqual({ kind: 'not-reached', lowerBound: 200 });
  });

  it('falls back to a lower passed rate when a confirmation fails', async () => {
    let confirmations = 0;
    const server = { workers: 4, serviceMs: 10, maxConnections: 256 };
    const state = await runSearch(plan, (rate, phase) => {
      const result = simulateStep(server, rate, 20);
      if (phase === 'confirm' && confirmations++ === 0) return { ...result, failed: result.succeeded, failureRate: 0.5 };
      return result;
    });
    expect(state.outcome?.kind).toBe('found');
    const confirmed = state.steps.filter((s) => s.phase === 'confirm');
    expect(confirmed[0]!.passed).toBe(false);
    expect((state.outcome as { maxRate: number }).maxRate).toBeLessThan(confirmed[0]!.rate);
  });
});
