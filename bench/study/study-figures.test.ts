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
  it('from an interval of ±1.96 se on the log scale: exp(2.8 se) − 1', () => {
    const se = 0.1;
    const [effect] = minimumDetectableEffects([report(check('absolute', 'pass', [Math.exp(-1.96 * se), Math.exp(1.96 * se)]))]);
    expect(effect?.medianEffect).toBeCloseTo(Math.exp(2.8 * se) - 1, 10);
  });
  it('never below the minimum effect: a tighter interval still passes smaller changes by design', () => {
    const [effect] = minimumDetectableEffects([report(check('relative', 'pass', [0.999, 1.001]))]);
    expect(effect?.medianEffect).toBe(0.1);
  });
});
