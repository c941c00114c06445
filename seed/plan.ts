/**
 * The shape of a data set before any row exists: how many tenants, how rows split between
 * them (one tenant holds about half, then a long tail), and which id range each tenant owns.
 * Ids are assigned here, never by sequences, so the same seed always yields the same ids.
 */

export const SCALES = {
  tiny: { tenants: 3, products: 2_000, orders: 2_000 },
  default: { tenants: 8, products: 100_000, orders: 100_000 },
  large: { tenants: 12, products: 1_000_000, orders: 1_000_000 },
} as const;

export type Scale = keyof typeof SCALES;

export const DAY_MS = 86_400_000;
/** Fixed, not `now()`: a data set must not depend on the day it was generated. */
export const END_MS = Date.UTC(2026, 9, 1);
export const START_MS = END_MS - 730 * DAY_MS;

/** One tenant's slice of every per-tenant table: `[start, start + count)` ids. */
export interface TenantPlan {
  id: number;
  index: number;
  products: Range;
  customers: Range;
  orders: Range;
  reviews: Range;
  categories: Range;
  /** Extra users beyond the admin, editor and viewer every tenant has. */
  extraUsers: number;
}

export interface Range {
  start: number;
  count: number;
}

export interface Plan {
  scale: Scale;
  seed: number;
  products: number;
  orders: number;
  tenants: TenantPlan[];
}

/** Splits `total` so tenant 0 gets half and the rest share the other half as 1/k (a long tail). */
export function tenantShares(total: number, tenants: number): number[] {
  if (tenants === 1) return [total];
  const tail = Array.from({ length: tenants - 1 }, (_, i) => 1 / (i + 1));
  const tailSum = tail.reduce((a, b) => a + b, 0);
  const weights = [0.5, ...tail.map((w) => (0.5 * w) / tailSum)];
  const counts = weights.map((w) => Math.floor(total * w));
  // every tenant gets at least one row where the total allows, the remainder goes to the big one
  for (let i = 1; i < counts.length; i++) if (counts[i] === 0 && total >= tenants) counts[i] = 1;
  counts[0] = total - counts.slice(1).reduce((a, b) => a + b, 0);
  return counts;
}

/** Builds the id layout for a scale, optionally overriding its product and order counts. */
export function buildPlan(scale: Scale, seed: number, products?: number, orders?: number): Plan {
  const preset = SCALES[scale];
  const productTotal = products ?? preset.products;
  const orderTotal = orders ?? preset.orders;
  const tenantCount = Math.max(1, Math.min(preset.tenants, productTotal));
  const productCounts = tenantShares(productTotal, tenantCount);
  const orderCounts = tenantShares(orderTotal, tenantCount);
  const next = { products: 1, customers: 1, orders: 1, reviews: 1, categories: 1 };
  const take = (key: keyof typeof next, count: number): Range => {
    const range = { start: next[key], count };
    next[key] += count;
    return range;
  };
  const tenants = productCounts.map((productCount, index): TenantPlan => {
    const orderCount = orderCounts[index] ?? 0;
    return {
      id: index + 1,
      index,
      products: take('products', productCount),
      customers: take('customers', Math.max(3, Math.ceil(orderCount / 4))),
      orders: take('orders', orderCount),
      reviews: take('reviews', Math.floor(productCount / 2)),
      categories: take('categories', Math.min(22, 5 + Math.floor(Math.log2(productCount + 1)))),
      extraUsers: Math.min(20, Math.floor(productCount / 5_000)),
    };
  });
  return { scale, seed, products: productTotal, orders: orderTotal, tenants };
}
