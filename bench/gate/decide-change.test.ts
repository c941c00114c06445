import { describe, expect, it } from 'vitest';
import { decideChange } from './decide-change.ts';

const change = (estimate: number, low: number, high: number) => ({ estimate, interval: [low, high] as [number, number], degreesOfFreedom: 10 });

describe('decideChange words the candidate/baseline interval the table shows, in either direction', () => {
  it('higher is better (req/s, ratios)', () => {
    expect(decideChange(change(0.5, 0.4, 0.6), 0.1)).toEqual({ status: 'fail', evidence: 'worse by 50%: 95% interval 0.4–0.6 excludes 1 and the change is beyond the 10% minimum effect' });
    expect(decideChange(change(0.95, 0.92, 0.98), 0.1)).toEqual({ status: 'pass', evidence: 'a worsening of 5% is shown (95% interval 0.92–0.98) but is within the 10% minimum effect' });
    expect(decideChange(change(1, 0.95, 1.05), 0.1)).toEqual({ status: 'pass', evidence: '95% interval 0.95–1.05: a worsening of 10% or more is ruled out' });
    expect(decideChange(change(1.2, 0.62, 2.3), 0.1)).toEqual({ status: 'pass', evidence: 'no worsening shown (95% interval 0.62–2.3 includes 1); a worsening up to 38% is not ruled out' });
  });

  it('lower is better (ms): a slower p95 fails, a faster one with a wide interval passes in the same terms', () => {
    expect(decideChange(change(1.5, 1.3, 1.7), 0.1, false)).toEqual({ status: 'fail', evidence: 'worse by 50%: 95% interval 1.3–1.7 excludes 1 and the change is beyond the 10% minimum effect' });
    expect(decideChange(change(1.05, 1.02, 1.08), 0.1, false).status).toBe('pass');
    expect(decideChange(change(0.451, 0.129, 1.57), 0.1, false)).toEqual({ status: 'pass', evidence: 'no worsening shown (95% interval 0.129–1.57 includes 1); a worsening up to 57% is not ruled out' });
    expect(decideChange(change(0.9, 0.85, 1.05), 0.1, false).evidence).toBe('95% interval 0.85–1.05: a worsening of 10% or more is ruled out');
  });
});
