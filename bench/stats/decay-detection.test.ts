import { describe, expect, it } from 'vitest';
import { computeDecay, DECAY_MAX_P, DECAY_MIN_SECONDS, fallingSlopeP } from './compute-decay.ts';
import { seededRandom } from '../../lib/seeded-random.ts';

/** `seconds` values around `level`, multiplied by a trend, with ±`noise` uniform jitter. */
function series(seconds: number, level: number, noise: number, trend: (second: number) => number, seed = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: seconds }, (_, second) => level * trend(second) * (1 + noise * (2 * random() - 1)));
}

describe('computeDecay', () => {
  it('does not flag a steady series with noise, whatever the seed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const decay = computeDecay(series(30, 10_000, 0.15, () => 1, seed));
      expect(decay.flagged, `seed ${seed}`).toBe(false);
    }
  });

  it('flags a run that loses throughput steadily (36k → 7k req/s, as postgres.js did)', () => {
    const perSecond = series(25, 36_000, 0.05, (second) => 1 - (0.8 * second) / 24);
    const decay = computeDecay(perSecond);
    expect(decay.flagged).toBe(true);
    expect(decay.slopePerSec).toBeLessThan(0);
    expect(decay.relativePerSec).toBeLessThan(-0.02);
  });

  it('flags a modest but clear decline (≈ 20% over the window)', () => {
    expect(computeDecay(series(30, 5_000, 0.03, (second) => 1 - 0.2 * (second / 29))).flagged).toBe(true);
  });

  it('does not flag a decline smaller than 10% over the window, however clean', () => {
    expect(computeDecay(series(30, 5_000, 0, (second) => 1 - 0.05 * (second / 29))).flagged).toBe(false);
  });

  it('does not flag a falling trend buried in noise (slope not significant)', () => {
    const decay = computeDecay(series(8, 1000, 0.6, (second) => 1 - 0.15 * (second / 7), 11));
    expect(-decay.relativePerSec * 7).toBeGreaterThan(0.1);
    expect(decay.flagged).toBe(false);
  });

  it('does not flag rising throughput (a warming JIT or cache)', () => {
    expect(computeDecay(series(20, 1000, 0.02, (second) => 0.5 + second / 20)).flagged).toBe(false);
  });

  it('never flags fewer seconds than it needs to see a trend, and handles degenerate input', () => {
    expect(computeDecay([1000, 500, 250, 125].slice(0, DECAY_MIN_SECONDS - 1)).flagged).toBe(false);
    expect(computeDecay([])).toEqual({ slopePerSec: 0, relativePerSec: 0, flagged: false });
    expect(computeDecay([42])).toEqual({ slopePerSec: 0, relativePerSec: 0, flagged: false });
    expect(computeDecay([0, 0, 0, 0, 0, 0])).toMatchObject({ relativePerSec: 0, flagged: false });
    expect(computeDecay([100, 100, 100, 100, 100, 100])).toMatchObject({ slopePerSec: 0, flagged: false });
  });

  it('computes the slope p-value from Student t at n − 2 degrees of freedom', () => {
    // t = −3.67 at 3 df: p = 0.0175 (a fixed |t| > 3 was said to be "≈ 0.01"; at 3 df it is 0.029)
    expect(fallingSlopeP([100, 97, 85, 90, 78])).toBeCloseTo(0.0175, 4);
    expect(fallingSlopeP([100, 96, 86, 88, 78])).toBeCloseTo(0.0065, 4);
    expect(fallingSlopeP([78, 90, 85, 97, 100])).toBeCloseTo(1 - 0.0175, 4);
    expect(fallingSlopeP([5, 4])).toBe(1);
    expect(fallingSlopeP([5, 4, 3])).toBe(0);
  });

  it(`flags a falling trend only when its one-sided p is below ${DECAY_MAX_P}, not whenever |t| > 3`, () => {
    // both fall ≈ 23% over 5 s; t = −3.67 (p 0.0175) is not enough at 3 df, t = −5.31 (p 0.0065) is
    expect(computeDecay([100, 97, 85, 90, 78]).flagged).toBe(false);
    expect(computeDecay([100, 96, 86, 88, 78]).flagged).toBe(true);
  });
});
