import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createAdmission } from './admission.ts';

/** A clock the test moves by hand: the figures below are exact, not timings. */
function manualClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('admission: deadline-aware queue', () => {
  it('queues freely while no service time is known yet', async () => {
    const clock = manualClock();
    const admission = createAdmission(1, 10, { now: clock.now });
    expect(await admission.acquire({ deadline: 1_000 })).not.toBeNull();
    void admission.acquire({ deadline: 1 });
    expect(admission.queued).toBe(1);
  });

  it('sheds a queued request the moment its remaining time is shorter than the recent service time, and one that could not finish even if admitted at once', async () => {
    const clock = manualClock();
    const admission = createAdmission(1, 10, { now: clock.now });
    // one release teaches it the service time: 200 ms
    const first = (await admission.acquire())!;
    clock.advance(200);
    first();
    expect(admission.serviceMs).toBe(200);
    await admission.acquire();
    // at t=200: a deadline at 399 leaves 199 ms, too few for a 200 ms request
    expect(await admission.acquire({ deadline: 399 })).toBeNull();
    expect(admission.queued).toBe(0);
    // at t=200 with deadline 260 + 200 = 460: it waits, and leaves the queue after 60 ms (a real timer)
    const parked = admission.acquire({ deadline: 460 });
    expect(admission.queued).toBe(1);
    expect(await parked).toBeNull();
    expect(admission.queued).toBe(0);
  });

  it('sheds at its turn a waiter too close to its deadline and gives the slot to the next one', async () => {
    const clock = manualClock();
    const admission = createAdmission(1, 10, { now: clock.now });
    const warmup = (await admission.acquire())!;
    clock.advance(100);
    warmup();
    const busy = (await admission.acquire())!;
    const late = admission.acquire({ deadline: 350 });
    const inTime = admission.acquire({ deadline: 1_000 });
    clock.advance(300); // `late` has 50 ms left and needs about 100
    busy();
    expect(await late).toBeNull();
    const slot = await inTime;
    expect(slot).not.toBeNull();
    expect([admission.inFlight, admission.queued]).toEqual([1, 0]);
    slot!();
    expect(admission.inFlight).toBe(0);
  });
});

describe('admission: adaptive limit', () => {
  it('shrinks the limit for each request that timed out holding a slot, never below 1, and grows it back with fast answers', async () => {
    const clock = manualClock();
    const admission = createAdmission(10, 100, { now: clock.now, timeoutMs: 1_000 });
    const held = await Promise.all(Array.from({ length: 10 }, () => admission.acquire()));
    clock.advance(1_000);
    for (const release of held.slice(0, 3)) release!('late');
    expect(admission.limit).toBe(5); // 10 × 0.8³ = 5.12
    // 7 still in flight over a limit of 5: newcomers wait
    const waiter = admission.acquire();
    expect(admission.queued).toBe(1);
    for (const release of held.slice(3)) release!('late');
    expect(admission.limit).toBe(1);
    const first = (await waiter)!;
    expect([admission.inFlight, admission.queued]).toEqual([1, 0]);
    first('done'); // held 0 ms: fast
    expect(admission.limit).toBe(2);
    for (let i = 0; i < 20; i += 1) (await admission.acquire())!();
    expect(admission.limit).toBe(10);
  });

  it('does not grow the limit for answers that took more than half the deadline', async () => {
    const clock = manualClock();
    const admission = createAdmission(4, 10, { now: clock.now, timeoutMs: 1_000 });
    (await admission.acquire())!('late');
    expect(admission.limit).toBe(3);
    const slow = (await admission.acquire())!;
    clock.advance(600);
    slow('done');
    expect(admission.limit).toBe(3);
  });
});

describe('admission defaults', () => {
  const env = { DATABASE_URL: 'postgres://localhost/perflab' };
  it('admits as many requests as the pool has connections unless told otherwise', () => {
    expect(loadConfig({ ...env, PERFLAB_DB_POOL_MAX: '12' }).maxInFlight).toBe(12);
    expect(loadConfig({ ...env, PERFLAB_DB_POOL_MAX: '12', PERFLAB_MAX_IN_FLIGHT: '40' }).maxInFlight).toBe(40);
  });
});
