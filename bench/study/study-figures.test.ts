import { describe, expect, it } from 'vitest';
import type { GateCheck, GateReport } from '../gate/gate-schema.ts';
import { falsePositiveRates, minimumDetectableEffects } from './study-figures.ts';

const check = (kind: GateCheck['kind'], status: GateCheck['status'], interval: [number, number] | null = null): GateCheck => ({ name: `${kind} x`, kind, comparison: 'x', driver: 'autocannon', unit: '×', baseline: 1, candidate: 1, change: 1, interval, status, evidence: 'e' });
const report = (...checks: GateCheck[]) => ({ minEffect: 0.1, checks }) as unknown as GateReport;

describe('falsePositiveRates', () => {
  it('counts gates with at least one failed check per kind, over all A/A gates', () => {
    const rates = falsePositiveRates([report(check('deterministic', 'pass'), check('relative', 'fail'), check('relative', 'fail')), report(check('deterministic', 'pass'), check('relative', 'pass'))]);
    expect(rates).toEqual([
      { kind: 'deterministic', gates: 2, gatesWithAFail: 0, rate: 0, checks: 2, failedChecks: 0 },
      { kind: 'relative', gates: 2, gatesWithAFail: 1, rate: 0.5, checks: 3, failedChecks: 2 },
    ]);
  });
});

describe('minimumDetectableEffects', () => {
  it('from a 95% interval of ±1.96 se on the log scale (no level recorded): exp(2.8 se) − 1', () => {
    const se = 0.1;
    const [effect] = minimumDetectableEffects([report(check('absolute', 'pass', [Math.exp(-1.96 * se), Math.exp(1.96 * se)]))]);
    expect(effect?.medianEffect).toBeCloseTo(Math.exp(2.8 * se) - 1, 10);
  });
  it('at the level and df the interval was computed at: a 99.9% interval on 20 df (t ≈ 3.85) is read back to its own se', async () => {
    const { tCritical } = await import('../stats/student-t.ts');
    const [se, t, power] = [0.1, tCritical(0.99875, 20), tCritical(0.6, 20)];
    const wide = { ...check('absolute', 'pass', [Math.exp(-t * se), Math.exp(t * se)]), confidence: 0.99875, degreesOfFreedom: 20 };
    const [effect] = minimumDetectableEffects([report(wide)]);
    expect(effect?.medianEffect).toBeCloseTo(Math.exp((t + power) * se) - 1, 10);
  });
  it('never below the minimum effect: a tighter interval still passes smaller changes by design', () => {
    const [effect] = minimumDetectableEffects([report(check('relative', 'pass', [0.999, 1.001]))]);
    expect(effect?.medianEffect).toBe(0.1);
  });
});
