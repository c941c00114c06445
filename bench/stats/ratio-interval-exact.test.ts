import { describe, expect, it } from 'vitest';
import { MIN_PAIRS_FOR_CI, pairedRatioInterval } from './paired-ratio-interval.ts';
import { tCritical, tLowerTailP } from './student-t.ts';

describe('Student t', () => {
  it('matches the printed table of two-sided 95% critical values', () => {
    expect(tCritical(0.95, 1)).toBeCloseTo(12.7062, 4);
    expect(tCritical(0.95, 2)).toBeCloseTo(4.3027, 4);
    expect(tCritical(0.95, 4)).toBeCloseTo(2.7764, 4);
    expect(tCritical(0.95, 7)).toBeCloseTo(2.3646, 4);
    expect(tCritical(0.95, 30)).toBeCloseTo(2.0423, 4);
    expect(tCritical(0.99, 5)).toBeCloseTo(4.0321, 4);
  });

  it('gives the lower-tail p of a t statistic (t = −3 at 3 df: 0.0288, not 0.01)', () => {
    expect(tLowerTailP(-3, 3)).toBeCloseTo(0.02883, 5);
    expect(tLowerTailP(-2.7764, 4)).toBeCloseTo(0.025, 4);
    expect(tLowerTailP(0, 10)).toBeCloseTo(0.5, 10);
  });

  it('refuses a confidence or degrees of freedom outside their range', () => {
    expect(() => tCritical(1, 3)).toThrow(RangeError);
    expect(() => tCritical(0.95, 0)).toThrow(RangeError);
  });
});

describe('pairedRatioInterval', () => {
  it('is the geometric mean of paired ratios with a t interval on the log scale', () => {
    const naive = [100, 110, 105];
    const optimized = [400, 420, 390];
    const logs = optimized.map((value, i) => Math.log(value / (naive[i] as number)));
    const mean = (logs[0]! + logs[1]! + logs[2]!) / 3;
    const sd = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 2);
    const half = (4.302653 * sd) / Math.sqrt(3);
    const estimate = pairedRatioInterval(naive, optimized);
    expect(estimate).toMatchObject({ samples: 3, emptyPairs: 0, method: 't-mean-log-ratio' });
    expect(estimate.estimate).toBeCloseTo(Math.exp(mean), 12);
    expect(estimate.ci95?.[0]).toBeCloseTo(Math.exp(mean - half), 5);
    expect(estimate.ci95?.[1]).toBeCloseTo(Math.exp(mean + half), 5);
  });

  it('is symmetric: swapping the sides inverts the estimate and the interval', () => {
    const a = pairedRatioInterval([10, 12, 11, 13], [20, 21, 25, 22]);
    const b = pairedRatioInterval([20, 21, 25, 22], [10, 12, 11, 13]);
    expect(b.estimate).toBeCloseTo(1 / (a.estimate as number), 12);
    expect(b.ci95?.[0]).toBeCloseTo(1 / (a.ci95?.[1] as number), 12);
  });

  it(`has no interval below ${MIN_PAIRS_FOR_CI} pairs, and a zero-width one when every pair agrees`, () => {
    expect(pairedRatioInterval([100, 100], [200, 200])).toMatchObject({ estimate: 2, ci95: null, samples: 2 });
    expect(pairedRatioInterval([100, 100, 100], [200, 200])).toMatchObject({ ci95: null, samples: 2 });
    const same = pairedRatioInterval([100, 50, 10], [200, 100, 20]);
    expect(same.ci95?.[0]).toBeCloseTo(2, 12);
    expect(same.ci95?.[1]).toBeCloseTo(2, 12);
  });

  it('counts pairs with a zero side as empty instead of losing them', () => {
    expect(pairedRatioInterval([0, 100, 100, 100], [10, 200, 200, 200])).toMatchObject({ samples: 3, emptyPairs: 1 });
    expect(pairedRatioInterval([100, 100], [0, 0])).toMatchObject({ estimate: null, samples: 0, emptyPairs: 2 });
    expect(pairedRatioInterval([], [])).toMatchObject({ estimate: null, ci95: null, samples: 0, emptyPairs: 0 });
  });

  it('widens the interval when runs disagree', () => {
    const steady = pairedRatioInterval([100, 100, 100, 100, 100, 100], [200, 201, 199, 200, 202, 198]);
    const noisy = pairedRatioInterval([100, 100, 100, 100, 100, 100], [120, 310, 150, 260, 90, 240]);
    const width = (ci: [number, number] | null) => (ci as [number, number])[1] - (ci as [number, number])[0];
    expect(width(noisy.ci95)).toBeGreaterThan(10 * width(steady.ci95));
  });
});
