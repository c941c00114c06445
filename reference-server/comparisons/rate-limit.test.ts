import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMemoryCache } from '../cache/index.ts';
import { createApp } from '../app.ts';
import { startApiProcess, type ApiProcess } from '../test-support/api-process.ts';
import { createTestApp, requestVariant, tenantAt, tokenFor } from '../test-support/index.ts';
import { FixedWindowLimiter } from '../lib/fixed-window-limiter.ts';
import { RATE_LIMIT } from './rate-limit.ts';

let server: Awaited<ReturnType<typeof createTestApp>>;
let token: string;
beforeAll(async () => {
  server = await createTestApp();
  token = tokenFor(await tenantAt(0));
});
afterAll(() => server?.close());

/** A bucket no other test (or earlier run against the same Redis) has used. */
const freshBucket = () => `t-${randomBytes(6).toString('hex')}`;

describe('rate-limit', () => {
  it('on one instance both sides admit exactly the limit, then answer the same 429; 0 statements', async () => {
    const bucket = freshBucket();
    for (const variant of ['naive', 'optimized'] as const) {
      const answers = [];
      for (let i = 0; i < RATE_LIMIT + 20; i++) answers.push(await requestVariant(server.app, variant, `/quota/${bucket}`, { token }));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(RATE_LIMIT);
      expect(answers.slice(RATE_LIMIT).map((a) => a.status)).toEqual(Array(20).fill(429));
      expect(answers[0]!.body).toEqual({ bucket, allowed: true });
      expect(answers[RATE_LIMIT]!.body.error).toEqual({ code: 'rate_limited', message: `more than 100 requests in 60 s for bucket '${bucket}'` });
      expect(new Set(answers.map((a) => a.queryCount))).toEqual(new Set([0]));
    }
  });

  it('counts per tenant: another tenant is not limited by the first one', async () => {
    const bucket = freshBucket();
    const other = tokenFor(await tenantAt(1));
    for (const variant of ['naive', 'optimized'] as const) {
      for (let i = 0; i < RATE_LIMIT; i++) await requestVariant(server.app, variant, `/quota/${bucket}`, { token });
      expect((await requestVariant(server.app, variant, `/quota/${bucket}`, { token })).status).toBe(429);
      expect((await requestVariant(server.app, variant, `/quota/${bucket}`, { token: other })).status).toBe(200);
    }
  });

  it('the fixed window admits 2 × the limit across a window edge (its second blind spot)', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(100, 60_000, () => now);
    now = 100;
    limiter.hit('k');
    now = 59_900;
    const late = Array.from({ length: 150 }, () => limiter.hit('k').allowed).filter(Boolean).length;
    now = 60_100;
    const early = Array.from({ length: 150 }, () => limiter.hit('k').allowed).filter(Boolean).length;
    expect([late, early]).toEqual([99, 100]);
  });

  it('refuses a bad bucket (400) and answers 503 on the optimized side with the in-process cache', async () => {
    for (const variant of ['naive', 'optimized'] as const) expect((await requestVariant(server.app, variant, '/quota/Bad_Bucket', { token })).status).toBe(400);
    const memoryApp = createApp({ ...server.deps, cache: createMemoryCache() });
    const res = await requestVariant(memoryApp, 'optimized', `/quota/${freshBucket()}`, { token });
    expect([res.status, res.body.error.code]).toEqual([503, 'redis_required']);
  });
});

describe('rate-limit across two API instances (two processes, one Redis)', () => {
  let instances: ApiProcess[] = [];
  beforeAll(async () => {
    const env = { DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') ?? undefined };
    instances = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  });
  afterAll(() => Promise.all(instances.map((i) => i.stop())));

  it('the in-memory limiter admits 2 × the limit, the Redis one exactly the limit', async () => {
    const admitted: Record<string, number> = {};
    for (const variant of ['naive', 'optimized'] as const) {
      const bucket = freshBucket();
      let ok = 0;
      // 300 requests alternating between the instances, as a round-robin balancer sends them
      for (let i = 0; i < 3 * RATE_LIMIT; i++) {
        const res = await fetch(`${instances[i % 2]!.baseUrl}/${variant}/quota/${bucket}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status === 200) ok += 1;
        else expect(res.status).toBe(429);
      }
      admitted[variant] = ok;
    }
    expect(admitted).toEqual({ naive: 2 * RATE_LIMIT, optimized: RATE_LIMIT });
  });
});
