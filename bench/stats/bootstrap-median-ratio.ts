import { median, quantileSorted } from 'simple-statistics';
import { seededRandom } from '../../lib/seeded-random.ts';
import type { RatioEstimate } from '../results/types.ts';

export interface BootstrapOptions {
  /** Bootstrap resamples; 10,000 keeps the interval's ends stable to ~3 digits. */
  iterations?: number;
  /** PRNG seed: the same inputs and seed always give the same interval. */
  seed?: number;
}

/** Pairs needed before an interval means anything; below it `ci95` is null. */
export const MIN_PAIRS_FOR_CI = 3;

/**
 * Median of the paired ratios `optimized[i] / naive[i]` with a percentile-bootstrap 95%
 * interval. Each sample is one RUN (repeat), never one request: requests inside a run are
 * correlated, runs are the independent units. Pairs follow index order (repeat k of naive
 * with repeat k of optimized, which ran next to each other), and pairs whose ratio is not
 * finite (a zero denominator) are left out; with no usable pair `median` is null.
 *
 * For "lower is better" figures pass the arguments swapped (`naive` = optimized p95,
 * `optimized` = naive p95) so that > 1 still means optimized is better.
 *
 * @example
 * bootstrapMedianRatio([100, 110, 105], [400, 420, 390], { seed: 1 })
 * // → { median: ≈3.8, ci95: [low, high] around it, samples: 3 }
 */
export function bootstrapMedianRatio(naive: number[], optimized: number[], options: BootstrapOptions = {}): RatioEstimate {
  const { iterations = 10_000, seed = 0x5eed } = options;
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(naive.length, optimized.length); i++) {
    const ratio = (optimized[i] as number) / (naive[i] as number);
    if (Number.isFinite(ratio)) ratios.push(ratio);
  }
  if (ratios.length === 0) return { median: null, ci95: null, samples: 0 };
  const estimate = median(ratios);
  if (ratios.length < MIN_PAIRS_FOR_CI) return { median: estimate, ci95: null, samples: ratios.length };

  const random = seededRandom(seed);
  const medians = new Float64Array(iterations);
  const resample = new Array<number>(ratios.length);
  for (let i = 0; i < iterations; i++) {
    for (let j = 0; j < ratios.length; j++) resample[j] = ratios[Math.floor(random() * ratios.length)] as number;
    medians[i] = median(resample);
  }
  const sorted = Array.from(medians).sort((a, b) => a - b);
  return {
    median: estimate,
    ci95: [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)],
    samples: ratios.length,
  };
}
