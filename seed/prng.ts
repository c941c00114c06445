/**
 * Seeded pseudo-random numbers. Two shapes: a sequential stream (`createRng`) for tables
 * generated in one pass, and a stateless hash (`hashUnit`) for values other tables must
 * recompute from an id alone (a product's price for its order items, its creation time for
 * its reviews), so no table has to be held in memory to generate another.
 */

import { seededRandom } from '../lib/seeded-random.ts';

/** A uniform [0, 1) source with integer and pick helpers, all drawn from one seeded stream. */
export interface Rng {
  next(): number;
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast, and good enough for test data (not for anything secret). */
export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

/** A 32-bit mix of several integers (murmur3's finaliser folded over the inputs). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Uniform [0, 1) determined by its inputs alone. */
export function hashUnit(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

/** Stable small integers naming each random stream, so adding a stream never shifts another. */
export const STREAM = {
  tenants: 1,
  users: 2,
  categories: 3,
  products: 4,
  productCategories: 5,
  customers: 6,
  orders: 7,
  reviews: 8,
  productTime: 9,
  productTie: 10,
  productPrice: 11,
  productUpdate: 12,
  popularity: 13,
} as const;

/**
 * Rank in [0, n) with P(rank) ≈ 1 / ((rank + 1)·ln n): Zipf with exponent 1, drawn by
 * inverting the continuous log-uniform CDF, so it needs no table and no memory.
 */
export function zipfRank(u: number, n: number): number {
  const rank = Math.floor(Math.exp(u * Math.log(n + 1))) - 1;
  return Math.min(Math.max(rank, 0), n - 1);
}

/**
 * A fixed pseudo-random permutation of [0, n): a 4-round Feistel network over the next even
 * power of two, cycle-walking until the value falls inside the range. No table, no memory.
 */
export function permute(index: number, n: number, key: number): number {
  const half = Math.max(1, Math.ceil(Math.log2(Math.max(n, 2)) / 2));
  const mask = (1 << half) - 1;
  let x = index;
  do {
    let left = x >>> half;
    let right = x & mask;
    for (let round = 0; round < 4; round++) [left, right] = [right, left ^ (hash32(key, round, right) & mask)];
    x = (left << half) | right;
  } while (x >= n);
  return x;
}
