import { describe, expect, it } from 'vitest';
import { assembleCapacityReport, type AssembleInput } from './assemble-capacity-report.ts';
import type { CapacityVariant } from './capacity-schema.ts';
import { parseSlo } from './slo.ts';
import { emptyVariant } from './variant-capacity.ts';

type Step = CapacityVariant['steps'][number];

function step(rate: number, passed: boolean, phase: Step['phase'] = 'ramp'): Step {
  return { phase, rate, passed, breaches: passed ? [] : ['latency'], reasons: passed ? [] : ['p95 over'], offeredRate: rate, deliveredRate: rate, throughput: rate, failureRate: 0, latencyMs: { p50: 1, p95: 2, p99: 3, mean: 1 }, droppedIterations: null, generatorSaturated: false, dbMsPerRequest: null };
}

function input(variant: CapacityVariant, targetRps: number): AssembleInput {
  return { runId: 'test', startedAt: new Date('2026-01-01T00:00:00Z'), command: 'perflab capacity', driver: 'test', options: { headroom: 0.3, quick: true }, target: { rps: targetRps, formula: '' }, maxConnections: 100, variants: [variant], notices: [], complete: true };
}

describe('capacity report notices', () => {
  it('does not say one instance carries a target below a first step that failed', () => {
    // measured: 634 req/s failed, walked down to 159 which held (159 < 219 failed): 500 req/s needs ceil(500 / 111) = 5
    const v: CapacityVariant = { ...emptyVariant('product-detail-cache', 'optimized', parseSlo('p95<20ms')), steps: [step(634, false), step(159, true), step(219, false, 'bisect'), step(159, true, 'confirm')], outcome: { kind: 'found', maxRate: 159, interval: { low: 159, high: 219 }, brokeFirst: 'latency', reasons: ['p95 over'] } };
    const report = assembleCapacityReport(input(v, 500));
    expect(report.notices).toEqual([]);
    expect(report.variants[0]!.sizing?.instances).toBe(5);
  });

  it('says one instance carries a target below the lowest step when that step held its SLO', () => {
    const v: CapacityVariant = { ...emptyVariant('x', 'optimized', parseSlo('p95<20ms')), steps: [step(100, true), step(200, false), step(150, true, 'bisect'), step(150, true, 'confirm')], outcome: { kind: 'found', maxRate: 150, interval: { low: 150, high: 200 }, brokeFirst: 'latency', reasons: ['p95 over'] } };
    expect(assembleCapacityReport(input(v, 50)).notices).toEqual(['x optimized: the target (50.0 req/s) is below the lowest step (100 req/s), which held its SLO: one instance carries it.']);
  });
});
