import { describe, expect, it } from 'vitest';
import { describePlan, formatClock, plannedSeconds, planRuns, remainingSeconds } from './plan.ts';

describe('planRuns', () => {
  it('interleaves variants and alternates which goes first', () => {
    const runs = planRuns(['catalog-kv'], ['autocannon'], 3);
    expect(runs.map((r) => `${r.repeat}${r.variant[0]}`)).toEqual(['1n', '1o', '2o', '2n', '3n', '3o']);
  });

  it('runs every comparison for every driver', () => {
    const runs = planRuns(['a', 'b'], ['autocannon', 'k6'], 2);
    expect(runs).toHaveLength(2 * 2 * 2 * 2);
    expect(new Set(runs.map((r) => `${r.driver}/${r.comparison}`)).size).toBe(4);
  });
});

describe('plannedSeconds, remainingSeconds, describePlan', () => {
  const runs = planRuns(['a', 'b'], ['autocannon'], 3);
  it('adds the warm-up to the first run of each comparison and variant only', () => {
    expect(plannedSeconds(runs, { durationSec: 4, warmupSec: 2 })).toEqual([6, 6, 4, 4, 4, 4, 6, 6, 4, 4, 4, 4]);
    expect(plannedSeconds(runs, { durationSec: 4, warmupSec: 0 }).every((s) => s === 4)).toBe(true);
  });

  it('counts what is left with a per-run overhead', () => {
    expect(remainingSeconds([6, 6, 4], 1, 1.5)).toBe(6 + 4 + 2 * 1.5);
    expect(remainingSeconds([6, 6, 4], 3, 1.5)).toBe(0);
  });

  it('says the size of the run in one line', () => {
    expect(describePlan(runs, { durationSec: 4, warmupSec: 2 }, 1)).toBe('12 runs (2 comparisons × 1 driver × 3 repeats × 2 variants), about 1:08 after setup');
    expect(formatClock(3725)).toBe('1:02:05');
  });
});
