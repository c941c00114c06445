import { DAY_MS, END_MS, START_MS, type Range } from '../plan.ts';
import { STREAM, hash32, hashUnit, permute, zipfRank } from '../prng.ts';

/**
 * Product attributes other tables need (prices for order items, creation times for reviews,
 * popularity for both), computed from (seed, id) alone so nothing is kept in memory.
 */

const SPAN_MS = END_MS - START_MS;
const TIE_RATE = 0.03;

/**
 * Creation time of the k-th product of a tenant: spread over two years, non-decreasing in id
 * as with a real serial key. About 3% share their predecessor's timestamp (bulk imports), so
 * keyset pagination has to break ties on id.
 */
export function productCreatedAt(seed: number, range: Range, k: number): number {
  let i = k;
  while (i > 0 && hashUnit(seed, STREAM.productTie, range.start + i) < TIE_RATE) i--;
  const step = SPAN_MS / Math.max(range.count, 1);
  return START_MS + Math.floor((i + hashUnit(seed, STREAM.productTime, range.start + i)) * step);
}

/** Half the products were never edited; the others up to 30 days after creation. */
export function productUpdatedAt(seed: number, id: number, createdAt: number): number {
  const u = hashUnit(seed, STREAM.productUpdate, id);
  return u < 0.5 ? createdAt : Math.min(END_MS - 1, createdAt + Math.floor((u - 0.5) * 60 * DAY_MS));
}

/** Log-uniform between $2 and $500, ending in 99 cents the way shop prices do. */
export function productPriceCents(seed: number, id: number): number {
  const dollars = 2 * Math.exp(hashUnit(seed, STREAM.productPrice, id) * Math.log(250));
  return Math.floor(dollars) * 100 + 99;
}

/**
 * Zipf-distributed product of a tenant: popularity rank → product through a fixed
 * pseudo-random permutation, so the bestsellers are scattered over the catalog instead of
 * being its oldest rows.
 */
export function popularProduct(seed: number, range: Range, u: number): number {
  return range.start + permute(zipfRank(u, range.count), range.count, hash32(seed, STREAM.popularity, range.start));
}
