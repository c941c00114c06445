import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import { createApp, type Runtime } from '../../reference-server/app.ts';
import { defineComparison } from '../../reference-server/comparisons/types.ts';
import type { Config } from '../../reference-server/config.ts';
import { Stats } from '../../reference-server/http/stats.ts';
import { createTestDeps, tenantAt, tokenFor } from '../../reference-server/test-support/index.ts';

// A route whose query waits on an advisory lock the test holds: real Postgres work that takes
// exactly as long as the test says, standing in for a slow naive query under overload.
const LOCK_KEY = 914_201;
let runs = 0;
const waitOnLock = async (ctx: { sql: Runtime['deps']['sql'] }) => {
  runs += 1;
  await ctx.sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
  return { body: { ok: true } };
};
const slowRoute = defineComparison({ id: 'fault-slow', method: 'GET', route: '/fault-slow', role: 'viewer' }, { input: z.unknown(), naive: waitOnLock, optimized: waitOnLock });

const admin = postgres(inject('databaseUrl'), { max: 2, onnotice: () => {} });
afterAll(() => admin.end());

async function appWith(config: Partial<Config>) {
  const runtime = await createTestDeps({ redisUrl: undefined, ...config });
  return { runtime, app: createApp(runtime.deps, new Stats(), [slowRoute]) };
}

/** Holds the lock on a reserved connection until `release()`. */
async function holdLock() {
  const conn = await admin.reserve();
  await conn`SELECT pg_advisory_lock(${LOCK_KEY})`;
  return async () => {
    await conn`SELECT pg_advisory_unlock(${LOCK_KEY})`;
    conn.release();
  };
}

const waitingQueries = async () =>
  Number(
    (
      await admin`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = 'perflab-api' AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'`
    )[0]!.n,
  );

describe('overload', () => {
  let token: string;
  beforeAll(async () => void (token = tokenFor(await tenantAt(0))));

  it('admits maxInFlight, queues maxQueued, sheds the rest at once with 503 + Retry-After', async () => {
    runs = 0;
    const { runtime, app } = await appWith({ maxInFlight: 2, maxQueued: 2, requestTimeoutMs: 30_000 });
    const release = await holdLock();
    try {
      const answers: { status: number; code?: string; retryAfter: string | null }[] = [];
      const requests = Array.from({ length: 10 }, async () => {
        const res = await app.request('/naive/fault-slow', { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { error?: { code: string } };
        answers.push({ status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after') });
      });
      // the shed answers come back while the lock is still held; old code answered none
      for (let waited = 0; answers.length < 6 && waited < 3_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const shedWhileBlocked = answers.length;
      await release();
      await Promise.all(requests);
      expect(shedWhileBlocked).toBe(6);
      expect(answers.slice(0, 6)).toEqual(Array.from({ length: 6 }, () => ({ status: 503, code: 'overloaded', retryAfter: '1' })));
      expect(answers.slice(6).map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(runs).toBe(4);
    } finally {
      await release().catch(() => {});
      await runtime.close();
    }
  });

  it('cancels the queries of timed-out requests, and queued requests that time out never run', async () => {
    runs = 0;
    const { runtime, app } = await appWith({ maxInFlight: 1, maxQueued: 10, requestTimeoutMs: 300 });
    const release = await holdLock();
    try {
      const statuses = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const res = await app.request('/naive/fault-slow', { headers: { authorization: `Bearer ${token}` } });
          return `${res.status} ${((await res.json()) as { error?: { code: string } }).error?.code}`;
        }),
      );
      expect(statuses).toEqual(Array.from({ length: 5 }, () => '503 timeout'));
      let waiting = await waitingQueries();
      for (let i = 0; i < 40 && waiting > 0; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        waiting = await waitingQueries();
      }
      expect(waiting).toBe(0); // nothing left behind on the server by requests nobody waits for
      await release();
      await new Promise((r) => setTimeout(r, 200));
      expect(runs).toBe(1); // the four that timed out in the queue left it
    } finally {
      await release().catch(() => {});
      await runtime.close();
    }
  });
});
