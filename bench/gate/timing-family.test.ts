import { describe, expect, it } from 'vitest';
import { pairedLogRatio, pooledPairedLogRatios } from './against/pooled-log-ratios.ts';
import { decideChange } from './decide-change.ts';
import { decideAsFamily, timingFamily } from './timing-family.ts';

describe('timingFamily (Bonferroni over a gate\'s timing checks)', () => {
  it('one check: 95%; m checks: 1 − 0.05/m each', () => {
    expect(timingFamily(1)).toMatchObject({ confidence: 0.95, label: '95% interval' });
    expect(timingFamily(40)).toMatchObject({ confidence: 0.99875, label: '99.9% interval', checks: 40 });
  });
  it('decideAsFamily counts the checks that have an interval, then decides all of them at that level', () => {
    const seen: number[] = [];
    const { family } = decideAsFamily((f) => {
      seen.push(f.confidence);
      return [0, 1, 2, 3].map((i) => ({ name: `c${i}`, kind: 'absolute' as const, comparison: 'x', driver: 'd', unit: 'ms', baseline: 1, candidate: 1, change: 1, interval: i < 3 ? ([0.9, 1.1] as [number, number]) : null, status: 'pass' as const, evidence: 'e' }));
    });
    expect(seen).toEqual([0.95, 1 - 0.05 / 3]);
    expect(family.checks).toBe(3);
  });
});

describe('pooledPairedLogRatios', () => {
  // per-round candidate/base ratios of req/s, 3 rounds: sales-report's as in a measured A/A gate (interval 0.878–0.881, agreeing by chance), the others a spread typical of that gate
  const measured = {
    'sales-report': [0.878, 0.879, 0.881],
    'orders-with-items': [0.95, 0.7, 0.8],
    'catalog-kv': [1.1, 0.9, 0.98],
    'products-deep-page': [1.2, 0.85, 1.1],
    'auth-context': [0.8, 1.15, 1.1],
  };
  const pairs = Object.values(measured).map((ratios) => ratios.map((r) => [100, 100 * r] as const));
  it('alone, three ratios that agree by chance give a near-zero interval: a false "12% worse" even at a 99.9% level', () => {
    const alone = pairedLogRatio(pairs[0]!, timingFamily(40).confidence)!;
    expect(decideChange(alone, 0.1, true, '99.9% interval').status).toBe('fail');
  });
  it('pooled over the gate\'s comparisons, the same three carry the host\'s noise: no worsening shown', () => {
    const pooled = pooledPairedLogRatios(pairs, timingFamily(40).confidence);
    expect(pooled[0]?.degreesOfFreedom).toBe(10);
    expect(decideChange(pooled[0]!, 0.1, true, '99.9% interval').status).toBe('pass');
  });
  it('a real 3× slowdown in one comparison still fails when pooled: a shift does not add to the spread', () => {
    const slow = [[100, 33], [100, 30], [100, 36]] as const;
    const pooled = pooledPairedLogRatios([slow, ...pairs.slice(1)], timingFamily(40).confidence);
    expect(decideChange(pooled[0]!, 0.1, true, '99.9% interval').status).toBe('fail');
  });
});
