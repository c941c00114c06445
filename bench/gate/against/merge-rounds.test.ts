import { describe, expect, it } from 'vitest';
import { syntheticResults, withScenarios } from '../../test-support/synthetic-results.ts';
import { mergeRounds } from './merge-rounds.ts';
import { pairedAbsoluteChecks } from './paired-absolute-checks.ts';

/** One round: the synthetic document's first repeat only, every optimized req/s scaled by `factor`. */
function round(factor: number) {
  const doc = syntheticResults();
  return withScenarios(doc, doc.scenarios.filter((s) => s.repeat === 1).map((s) => (s.variant === 'optimized' ? { ...s, throughput: s.throughput * factor } : s)));
}

describe('mergeRounds', () => {
  it('renumbers round r as repeat r and recomputes the aggregates over every round', () => {
    const merged = mergeRounds([round(1), round(1), round(1)], false);
    expect(new Set(merged.scenarios.map((s) => s.repeat))).toEqual(new Set([1, 2, 3]));
    expect(merged.run.options.repeat).toBe(3);
    expect(merged.comparisons.every((c) => c.throughputRatio.samples === 3)).toBe(true);
  });

  it('paired by round: a candidate 25% slower in every round fails req/s, whatever the drift between rounds', () => {
    const base = mergeRounds([round(1), round(2), round(4)], false);
    const candidate = mergeRounds([round(0.75), round(1.5), round(3)], false);
    const reqs = pairedAbsoluteChecks(base, candidate, 0.1).filter((c) => c.name.startsWith('req/s'));
    expect(reqs.length).toBeGreaterThan(0);
    for (const check of reqs) expect(check).toMatchObject({ status: 'fail' });
    expect(reqs[0]?.change).toBeCloseTo(0.75, 10);
  });
});
