import type { Sql } from 'postgres';
import { z } from 'zod';
import { currentMetrics } from '../http/request-metrics.ts';
import { limitParam } from '../http/pagination-params.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/**
 * Short on purpose: the hot key goes cold every second, so a run meets the cold moment again
 * and again (with a long TTL both variants would serve hits only and show nothing).
 */
export const STAMPEDE_TTL_SEC = 1;

/** `GET /reports/top-products?limit=`: the tenant's best sellers by units over its last 30 days of orders. */
export const input = z.object({ query: z.object({ limit: limitParam(50, 10) }) }).transform(({ query }) => query);
export type Input = z.infer<typeof input>;

export interface TopProduct {
  id: number;
  sku: string;
  name: string;
  units: number;
  revenueCents: number;
}

/** The cache key both variants use: one hot key per tenant and limit. */
export const topProductsKey = (tenantId: number, limit: number) => `top-products:${tenantId}:${limit}`;

/**
 * The load: 1 statement aggregating the order lines of the tenant's last 30 days (counted back
 * from its newest order, so a data set that ends in the past still has a month), tens of ms at
 * the default scale: costly enough that N copies of it hurt, cheap enough that one is routine.
 */
export async function loadTopProducts(sql: Sql, tenantId: number, limit: number): Promise<TopProduct[]> {
  const rows = await sql<(Omit<TopProduct, 'revenueCents'> & { revenueCents: string })[]>`
    SELECT p.id, p.sku, p.name, sum(i.quantity)::int AS units, sum(i.quantity * i.unit_price_cents)::bigint AS "revenueCents"
    FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
    WHERE o.tenant_id = ${tenantId}
      AND o.created_at >= (SELECT max(created_at) FROM orders WHERE tenant_id = ${tenantId}) - interval '30 days'
    GROUP BY p.id
    ORDER BY units DESC, p.id
    LIMIT ${limit}`;
  return rows.map((row) => ({ ...row, revenueCents: Number(row.revenueCents) }));
}

/**
 * Plain cache-aside: GET, and on a miss load and SET. Every request that misses before the
 * first SET lands runs the load itself: N concurrent requests on a cold key, N loads (1 statement each).
 */
export async function naive({ sql, cache, principal }: Ctx, { limit }: Input): Promise<Reply> {
  const key = topProductsKey(principal.tenantId, limit);
  const metrics = currentMetrics();
  const cached = await cache.get(key).catch(() => {
    if (metrics) metrics.cacheErrors += 1;
    return null;
  });
  if (cached !== null) {
    if (metrics) metrics.cacheHits += 1;
    return { body: { items: JSON.parse(cached) as TopProduct[] } };
  }
  if (metrics) metrics.cacheMisses += 1;
  const items = await loadTopProducts(sql, principal.tenantId, limit);
  await cache.set(key, JSON.stringify(items), STAMPEDE_TTL_SEC).catch(() => {
    if (metrics) metrics.cacheErrors += 1;
  });
  return { body: { items } };
}

/** Single-flight cache-aside (cache.getOrLoad): concurrent misses on a key in this process share one load, 1 statement per cold key. */
export async function optimized({ sql, cache, principal }: Ctx, { limit }: Input): Promise<Reply> {
  const { value } = await cache.getOrLoad(topProductsKey(principal.tenantId, limit), STAMPEDE_TTL_SEC, () => loadTopProducts(sql, principal.tenantId, limit));
  return { body: { items: value } };
}

export default defineComparison<Input>('cache-stampede', { input, naive, optimized });
