import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ScriptsNeedRedisError } from '../cache/index.ts';
import { HttpError } from '../http/errors.ts';
import { currentMetrics } from '../http/request-metrics.ts';
import { FixedWindowLimiter } from '../lib/fixed-window-limiter.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** Requests a tenant may send per bucket and window, on both sides. */
export const RATE_LIMIT = 100;
export const RATE_WINDOW_MS = 60_000;

/** `GET /quota/:bucket`: one request against the caller's tenant's limit for `bucket` (a route, an API key, …). */
export const input = z
  .object({ params: z.object({ bucket: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be 1-64 of a-z, 0-9, -') }) })
  .transform(({ params }) => params);
export type Input = z.infer<typeof input>;

// per process by definition: this Map is the naive limiter's whole state, what a second instance does not see
const local = new FixedWindowLimiter(RATE_LIMIT, RATE_WINDOW_MS);

// a sliding log: the sorted set holds one member per admitted request, scored by Redis's own
// clock (TIME), so instances whose clocks differ still agree; trim, count, admit in one atomic step
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 1`;

const key = (tenantId: number, bucket: string) => `rate:${tenantId}:${bucket}`;

function decide(bucket: string, allowed: boolean): Reply {
  if (!allowed) throw new HttpError(429, 'rate_limited', `more than ${RATE_LIMIT} requests in ${RATE_WINDOW_MS / 1000} s for bucket '${bucket}'`);
  return { body: { bucket, allowed: true } };
}

/** 0 statements, 0 round trips: a fixed window counted in this process's memory. */
export async function naive({ principal }: Ctx, { bucket }: Input): Promise<Reply> {
  return decide(bucket, local.hit(key(principal.tenantId, bucket)).allowed);
}

/**
 * 0 statements, 1 Redis round trip: a sliding window (sorted-set log) in one Lua script, shared by
 * every instance. Fails open: while Redis is unreachable requests are admitted (and counted as
 * cache errors), since refusing all traffic would turn a cache outage into an API outage.
 */
export async function optimized({ cache, principal }: Ctx, { bucket }: Input): Promise<Reply> {
  let admitted: unknown;
  try {
    admitted = await cache.runScript(SLIDING_WINDOW, [key(principal.tenantId, bucket)], [RATE_WINDOW_MS, RATE_LIMIT, randomUUID()]);
  } catch (error) {
    if (error instanceof ScriptsNeedRedisError) throw new HttpError(503, 'redis_required', error.message);
    const metrics = currentMetrics();
    if (metrics) metrics.cacheErrors += 1;
    admitted = 1;
  }
  return decide(bucket, admitted === 1);
}

export default defineComparison<Input>('rate-limit', { input, naive, optimized });
