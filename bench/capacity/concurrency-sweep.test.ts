import { describe, expect, it } from 'vitest';
import type { DriverOutput } from '../drivers/types.ts';
import { runSweep } from './concurrency-sweep.ts';

const output = (throughput: number, meanMs: number, failureRate = 0): DriverOutput => ({ throughput, failureRate, latencyMs: { p50: meanMs, p90: meanMs, p95: meanMs, p99: meanMs, p999: meanMs, max: meanMs, mean: meanMs } }) as DriverOutput;

describe('the closed-model sweep', () => {
  it('runs on past one noisy early dip, and stops once throughput falls below 80% of its best', async () => {
    const byLevel: Record<number, DriverOutput> = { 1: output(100, 10), 2: output(70, 14), 4: output(300, 13), 8: output(400, 20), 16: output(250, 64), 32: output(200, 160) };
    const points = await runSweep([1, 2, 4, 8, 16, 32], 100, async (n) => byLevel[n]!);
    expect(points.map((p) => p.concurrency)).toEqual([1, 2, 4, 8, 16]);
    expect(points.map((p) => p.little.holds)).toEqual([true, false, true, true, true]);
  });

  it('stops at once when latency explodes or failures reach 1%', async () => {
    expect((await runSweep([1, 2, 4], 10, async (n) => output(100 * n, n === 2 ? 500 : 10))).map((p) => p.concurrency)).toEqual([1, 2]);
    expect((await runSweep([1, 2, 4], 10, async (n) => output(100 * n, 10, n === 1 ? 0.02 : 0))).map((p) => p.concurrency)).toEqual([1]);
    expect((await runSweep([1, 2, 4], 10, async (n) => ({ ...output(0, 0), failureRate: null }) as DriverOutput)).map((p) => p.concurrency)).toEqual([1]);
  });
});
