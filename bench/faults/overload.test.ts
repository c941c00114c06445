import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import { createApp, createRuntime, type Runtime } from '../../reference-server/app.ts';
import { defineComparison } from '../../reference-server/comparisons/types.ts';
import { loadConfig, type Config } from '../../reference-server/config.ts';
import { openPool } from '../../reference-server/db/open-pool.ts';
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

// A route that holds a connection for ~200 ms in ten statements, like an N+1 page: real
// Postgres work whose length does not depend on how busy the machine is (it only gets longer).
const STEPS = 10;
const steps = async (ctx: { db: Runtime['deps']['db'] }) => {
  for (let i = 0; i < STEPS; i += 1) await ctx.db.execute(dsql`SELECT pg_sleep(0.02)`);
  return { body: { ok: true } };
};
const steppedRoute = defineComparison({ id: 'fault-stepped', method: 'GET', route: '/fault-stepped', role: 'viewer' }, { input: z.unknown(), naive: steps, optimized: steps });

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

  it('keeps goodput above 0 under a sustained overload with the default limits, logs nothing per request, and answers at once after it', async () => {
    // the defaults but pool and deadline: 24 clients on a 2-connection pool, 1.5 s to answer.
    // Before: 64 in flight shared 2 connections, every request needed ≥ 24 × 200 ms / 2 = 2.4 s,
    // and all of them timed out together, for as long as the load lasted.
    const config = loadConfig({ DATABASE_URL: inject('databaseUrl'), PORT: '0', PERFLAB_DB_POOL_MAX: '2', PERFLAB_REQUEST_TIMEOUT_MS: '1500' });
    const runtime = await createRuntime({ ...config, redisUrl: undefined });
    await openPool(runtime.deps.sql, config.dbPoolMax);
    const app = createApp(runtime.deps, new Stats(), [steppedRoute]);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const call = async () => {
      const res = await app.request('/naive/fault-stepped', { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { error?: { code: string } };
      return res.status === 200 ? '200' : `${res.status} ${body.error?.code}`;
    };
    try {
      const startedAt = Date.now();
      // steady state only: the first wave of a cold start is served before any queue forms
      const steady: string[] = [];
      let running = true;
      const client = async () => {
        while (running) {
          const sentAt = Date.now();
          const outcome = await call();
          if (sentAt - startedAt >= 2 * 1_500) steady.push(outcome);
          // a shed answer comes back at once: a short pause keeps 24 in-process clients from spinning
          if (outcome !== '200') await new Promise((r) => setTimeout(r, 20));
        }
      };
      const clients = Array.from({ length: 24 }, client);
      await new Promise((r) => setTimeout(r, 5_000));
      running = false;
      await Promise.all(clients);
      const counts = Object.fromEntries([...new Set(steady)].map((o) => [o, steady.filter((x) => x === o).length]));
      expect(counts['200'] ?? 0, JSON.stringify(counts)).toBeGreaterThan(0);
      expect(Object.keys(counts).filter((o) => !['200', '503 overloaded', '503 timeout'].includes(o))).toEqual([]);
      expect(logged).not.toHaveBeenCalled();
      expect(await call()).toBe('200');
    } finally {
      logged.mockRestore();
      await runtime.close();
    }
  }, 30_000);
});
