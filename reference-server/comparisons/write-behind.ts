import { z } from 'zod';
import { ScriptsNeedRedisError } from '../cache/index.ts';
import { HttpError } from '../http/errors.ts';
import { currentMetrics } from '../http/request-metrics.ts';
import { strictJsonObject } from '../http/product-fields.ts';
import { recordUsage } from '../usage/usage-buffer.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** The metrics a client may count; a small set, so each tenant's few rows are hot. */
export const USAGE_METRICS = ['api-call', 'export', 'search'] as const;

/** `POST /usage` with `{ metric }`: counts one use of `metric` by the caller's tenant. */
export const input = z
  .object({ body: strictJsonObject({ metric: z.enum(USAGE_METRICS) }) })
  .transform(({ body }) => body);
export type Input = z.infer<typeof input>;

const recorded = (metric: string): Reply => ({ status: 202, body: { metric, recorded: 1 } });

/**
 * 1 statement: an upsert adding 1 to the tenant's row. Every request of a tenant updates the same
 * row, so concurrent requests queue on its row lock, each until the one before it has committed.
 */
export async function naive({ sql, principal }: Ctx, { metric }: Input): Promise<Reply> {
  await sql`
    INSERT INTO usage_counters (tenant_id, metric, count) VALUES (${principal.tenantId}, ${metric}, 1)
    ON CONFLICT (tenant_id, metric) DO UPDATE SET count = usage_counters.count + 1`;
  return recorded(metric);
}

/**
 * 0 statements: 1 Redis round trip (HINCRBY of the pending hash); the server's flusher writes the
 * sums to the same rows once a second (usage/usage-flusher.ts). While Redis is unreachable the
 * count is written through to Postgres (the naive statement), so an outage loses no count.
 */
export async function optimized(ctx: Ctx, { metric }: Input): Promise<Reply> {
  try {
    await recordUsage(ctx.cache, ctx.principal.tenantId, metric);
  } catch (error) {
    if (error instanceof ScriptsNeedRedisError) throw new HttpError(503, 'redis_required', error.message);
    const metrics = currentMetrics();
    if (metrics) metrics.cacheErrors += 1;
    return naive(ctx, { metric });
  }
  return recorded(metric);
}

export default defineComparison<Input>('write-behind', { input, naive, optimized });
