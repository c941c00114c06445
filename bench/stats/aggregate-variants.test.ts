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

  it('stores the merged percentile spectrum for an HDR plot: 4 points per decade of 1/(1-p) the request count resolves, then the max', () => {
    const micros = Array.from({ length: 1000 }, (_, index) => 1000 + index);
    const [variant] = aggregateVariants([run(1, 1000, micros.slice(0, 500)), run(2, 1000, micros.slice(500))], []);
    const points = variant?.percentiles ?? [];
    // 1000 requests resolve 1/(1-p) up to 1000 = 10^3: k = 0..12, then the max where the slowest of 1000 sits, p99.9
    expect(points.map((point) => Number(point.percentile.toFixed(4)))).toEqual([0, 43.7659, 68.3772, 82.2172, 90, 94.3766, 96.8377, 98.2217, 99, 99.4377, 99.6838, 99.8222, 99.9, 99.9]);
    expect(points[0]?.ms).toBe(1);
    expect(points.find((point) => point.percentile === 90)?.ms).toBeCloseTo(1.9, 2);
    expect(points.at(-1)?.ms).toBe(1.999);
    expect(points.map((point) => point.ms)).toEqual([...points.map((point) => point.ms)].sort((a, b) => a - b));
    expect(aggregateVariants([{ ...run(1, 1000, [1000]), histogram: null }], [])[0]?.percentiles).toBeNull();
  });

  it('counts server-saturated runs apart from generator-saturated ones: rate not held with an idle generator', () => {
    const generator = template.generator;
    const runs = [
      { ...run(1, 900, [1000]), generator: { ...generator, rateHeld: false, saturated: false } },
      { ...run(2, 900, [1000]), generator: { ...generator, rateHeld: false, saturated: true } },
      { ...run(3, 1000, [1000]), generator: { ...generator, rateHeld: true, saturated: false } },
    ];
    expect(aggregateVariants(runs, [])[0]).toMatchObject({ rateMissedRuns: 2, saturatedRuns: 1, serverSaturatedRuns: 1 });
  });
});
