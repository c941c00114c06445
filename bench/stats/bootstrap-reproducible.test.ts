import { describe, expect, it } from 'vitest';
import { bootstrapMedianRatio } from './bootstrap-median-ratio.ts';

describe('bootstrapMedianRatio', () => {
  const naive = [1000, 1040, 980, 1010, 995];
  const optimized = [4100, 4000, 4050, 3900, 4200];

  it('is the median of paired optimized/naive ratios, with samples counted in runs', () => {
    const ratios = naive.map((value, index) => (optimized[index] as number) / value).sort((a, b) => a - b);
    const estimate = bootstrapMedianRatio(naive, optimized, { seed: 1 });
    expect(estimate.median).toBeCloseTo(ratios[2] as number, 12);
    expect(estimate.samples).toBe(5);
  });

  it('gives the same interval for the same seed, and an interval inside the observed ratios', () => {
    const first = bootstrapMedianRatio(naive, optimized, { seed: 42, iterations: 5000 });
    const again = bootstrapMedianRatio(naive, optimized, { seed: 42, iterations: 5000 });
    expect(again).toEqual(first);
    const ratios = naive.map((value, index) => (optimized[index] as number) / value);
    const [low, high] = first.ci95 as [number, number];
    expect(low).toBeLessThanOrEqual(first.median as number);
    expect(high).toBeGreaterThanOrEqual(first.median as number);
    expect(low).toBeGreaterThanOrEqual(Math.min(...ratios));
    expect(high).toBeLessThanOrEqual(Math.max(...ratios));
  });

  it('has no interval below 3 pairs', () => {
    expect(bootstrapMedianRatio([100, 100], [200, 300])).toEqual({ median: 2.5, ci95: null, samples: 2 });
    expect(bootstrapMedianRatio([100, 100, 100], [200, 300])).toEqual({ median: 2.5, ci95: null, samples: 2 });
  });

  it('leaves out pairs whose ratio is not finite and reports no median without any pair', () => {
    expect(bootstrapMedianRatio([0, 100, 100, 100], [10, 200, 200, 200], { seed: 3 })).toMatchObject({ median: 2, ci95: [2, 2], samples: 3 });
    expect(bootstrapMedianRatio([0], [10])).toEqual({ median: null, ci95: null, samples: 0 });
    expect(bootstrapMedianRatio([], [])).toEqual({ median: null, ci95: null, samples: 0 });
  });

  it('widens the interval when runs disagree', () => {
    const steady = bootstrapMedianRatio([100, 100, 100, 100, 100, 100], [200, 201, 199, 200, 202, 198], { seed: 9 });
    const noisy = bootstrapMedianRatio([100, 100, 100, 100, 100, 100], [120, 310, 150, 260, 90, 240], { seed: 9 });
    const width = (ci: [number, number] | null) => (ci as [number, number])[1] - (ci as [number, number])[0];
    expect(width(noisy.ci95)).toBeGreaterThan(10 * width(steady.ci95));
  });
});
