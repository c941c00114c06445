import { seededRandom } from '../lib/seeded-random.ts';
import type { Rnd } from './types.ts';

/**
 * Request keys drawn from the project's one seeded generator (mulberry32), so a run's request
 * sequence is reproducible. Plain TS with plain-TS imports only, so k6 can load it.
 */
export function createRandom(seed: number): Rnd {
  const next = seededRandom(seed);
  const zipfTables = new Map<string, number[]>();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    zipf(n, s) {
      const key = `${n}:${s}`;
      let cdf = zipfTables.get(key);
      if (!cdf) {
        cdf = zipfCdf(n, s);
        zipfTables.set(key, cdf);
      }
      return lowerBound(cdf, next());
    },
  };
}

/** Cumulative distribution of Zipf(n, s): P(k) ∝ 1/(k+1)^s. */
export function zipfCdf(n: number, s: number): number[] {
  const weights = Array.from({ length: n }, (_, k) => 1 / Math.pow(k + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

function lowerBound(cdf: number[], u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] as number) < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
