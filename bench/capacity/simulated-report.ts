import { assembleCapacityReport } from './assemble-capacity-report.ts';
import type { CapacityVariant } from './capacity-schema.ts';
import { sweepPoint } from './concurrency-sweep.ts';
import { simulateStep } from './simulated-server.ts';
import { parseSlo } from './slo.ts';
import { runSearch } from './step-search.ts';
import { fitUsl } from './usl-fit.ts';
import { emptyVariant, stepsOf } from './variant-capacity.ts';
import type { DriverOutput } from '../drivers/types.ts';

/** Its own plan, not the default budget's: the 16-worker variant needs 6 doublings from 50 req/s to fail. */
const SIMULATED_SEARCH = { growth: 2, maxRampSteps: 8, bisections: 4, confirmations: 2 };

/** A capacity report measured on two simulated variants (4 and 16 workers of 10 ms). */
export async function simulatedReport(): Promise<ReturnType<typeof assembleCapacityReport>> {
  const slo = parseSlo('p95<100ms');
  const variants: CapacityVariant[] = [];
  for (const [variant, workers] of [['naive', 4], ['optimized', 16]] as const) {
    const live = emptyVariant('simulated', variant, slo);
    const state = await runSearch({ ...SIMULATED_SEARCH, startRate: 50, slo }, (rate) => simulateStep({ workers, serviceMs: 10, maxConnections: 512 }, rate, 10));
    live.outcome = state.outcome;
    live.steps = stepsOf(state);
    live.sweep = [1, 2, 4, 8, 16].map((n) => sweepPoint(n, closedOutput(Math.min(n, workers) * 100, (1000 * n) / (Math.min(n, workers) * 100))));
    live.usl = fitUsl(live.sweep);
    variants.push(live);
  }
  return assembleCapacityReport({ runId: 'test', startedAt: new Date('2026-01-01T00:00:00Z'), command: 'perflab capacity', driver: 'simulated', options: { headroom: 0.3, quick: false }, target: { rps: 5000, formula: 'target = 5,000 req/s' }, maxConnections: 100, variants, notices: [], complete: true });
}

function closedOutput(throughput: number, meanMs: number): DriverOutput {
  return { throughput, failureRate: 0, latencyMs: { p50: meanMs, p90: meanMs, p95: meanMs, p99: meanMs, p999: meanMs, max: meanMs, mean: meanMs } } as DriverOutput;
}
