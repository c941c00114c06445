import { describe, expect, it } from 'vitest';
import { planRuns } from './plan.ts';

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
