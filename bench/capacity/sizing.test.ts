import { describe, expect, it } from 'vitest';
import { checkLittle } from './littles-law.ts';
import { headroomSentence, instancesFor, poolFor, targetRate } from './sizing.ts';

describe('sizing', () => {
  it('instances = ceil(target / (max × (1 − headroom))), with the formula shown', () => {
    const plan = instancesFor(5000, 1000, 0.3);
    expect(plan.instances).toBe(8);
    expect(plan.operatingRate).toBe(700);
    expect(plan.formula).toBe('instances = ceil(5,000 / (1,000 × (1 − 0.3))) = ceil(5,000 / 700) = 8');
  });

  it('derives the target from users, requests per user per day and a peak factor', () => {
    const target = targetRate({ kind: 'users', users: 2_000_000, requestsPerUserDay: 50, peakFactor: 3 });
    expect(target.rps).toBeCloseTo(3472.2, 1);
    expect(target.formula).toContain('2,000,000 × 50 × 3 / 86 400 = 3,472 req/s');
  });

  it('sizes the pool from Little’s law on db time and flags a fleet over max_connections', () => {
    const pool = poolFor(1000, 8, 12, 100);
    expect(pool.busyConnections).toBe(8);
    expect(pool.poolPerInstance).toBe(10);
    expect(pool.fleetConnections).toBe(120);
    expect(pool.exceedsMaxConnections).toBe(true);
    expect(poolFor(1000, 8, 9, 100).exceedsMaxConnections).toBe(false);
  });

  it('says what the fix buys in instances for the target', () => {
    expect(headroomSentence(250, 1000, 5000, 0.3)).toBe('The fix buys 4.0× headroom: 8 instances instead of 29 for 5,000 req/s.');
    expect(headroomSentence(1000, 500, 700, 0.3)).toMatch(/^The fix costs capacity \(0\.50×/);
  });
});

describe("Little's law on a closed-model step", () => {
  it('holds when N = X·R within 10%, and flags a step where it does not', () => {
    expect(checkLittle(8, 400, 20)).toMatchObject({ predicted: 8, holds: true });
    expect(checkLittle(8, 400, 21.5).holds).toBe(true);
    expect(checkLittle(8, 400, 10)).toMatchObject({ predicted: 4, holds: false });
  });
});
