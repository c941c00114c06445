import { describe, expect, it } from 'vitest';
import { aggregateVariants } from './aggregate-variants.ts';
import { encodeLatenciesMicros, latencyFromEncoded } from './merge-histograms.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import type { CalibrationRun, ScenarioRun } from '../results/types.ts';

const { scenarios, calibration } = syntheticResults();
const template = scenarios[0] as ScenarioRun;

function run(repeat: number, throughput: number, micros: number[]): ScenarioRun {
  return { ...template, repeat, throughput, histogram: encodeLatenciesMicros(micros) };
}

describe('aggregateVariants', () => {
  it('folds the repeats of each comparison, driver and variant, in run order', () => {
    const keys = aggregateVariants(scenarios, calibration).map((v) => `${v.comparison} ${v.driver} ${v.variant} ×${v.repeats}`);
    expect(keys).toEqual(['orders-with-items autocannon naive ×3', 'orders-with-items autocannon optimized ×3', 'product-detail-cache k6 naive ×3', 'product-detail-cache k6 optimized ×3']);
  });

  it('takes latency from the merged histograms, the median throughput, and its share of the same driver\'s ceiling', () => {
    const runs = [run(1, 1000, [1000, 1000, 1000]), run(2, 3000, [9000]), run(3, 2000, [2000, 2000])];
    const ceiling: CalibrationRun[] = [{ ...(calibration[0] as CalibrationRun), driver: 'autocannon', throughput: 4000 }, { ...(calibration[0] as CalibrationRun), driver: 'autocannon', throughput: 8000 }];
    const [variant] = aggregateVariants(runs, ceiling);
    const { count: _count, ...all } = latencyFromEncoded(encodeLatenciesMicros([1000, 1000, 1000, 9000, 2000, 2000]));
    expect(variant).toMatchObject({ repeats: 3, throughput: 2000, latencySource: 'merged', latencyMs: all, ceilingShare: 0.25 });
  });

  it('has no ceiling share for a driver that was not calibrated, and median latencies when a run has no histogram', () => {
    const runs = [run(1, 1000, [1000]), { ...run(2, 1000, [1000]), histogram: null }];
    const [variant] = aggregateVariants(runs, []);
    expect(variant).toMatchObject({ ceilingShare: null, latencySource: 'median' });
  });
});
