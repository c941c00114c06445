import { describe, expect, it } from 'vitest';
import type { RatioEstimate } from './comparison-summary.ts';
import { decideVerdict, DEFAULT_VERDICT_POLICY, type VerdictInput } from './decide-verdict.ts';

const ratio = (estimate: number, low: number, high: number): RatioEstimate => ({ estimate, ci95: [low, high], samples: 6, emptyPairs: 0, method: 't-mean-log-ratio' });
const input = (r: RatioEstimate, overrides: Partial<VerdictInput> = {}): VerdictInput => ({
  ratio: r,
  emptyPairs: { naive: 0, optimized: 0 },
  outcomes: { naive: { successes: 1000, failures: 0 }, optimized: { successes: 1000, failures: 0 } },
  ...overrides,
});

describe('decideVerdict', () => {
  it('calls faster or slower only when the interval excludes 1 and the effect reaches 5%', () => {
    expect(decideVerdict(input(ratio(1.3, 1.1, 1.5))).verdict).toBe('faster');
    expect(decideVerdict(input(ratio(0.7, 0.6, 0.8))).verdict).toBe('slower');
    expect(decideVerdict(input(ratio(1.1, 0.95, 1.3)))).toEqual({ verdict: 'no-difference-shown', reason: '95% interval 0.95×–1.3× includes 1' });
    expect(decideVerdict(input(ratio(1.03, 1.01, 1.05)))).toEqual({ verdict: 'no-difference-shown', reason: '95% interval 1.01×–1.05× excludes 1 but 1.03× is within the 5% minimum effect' });
    expect(decideVerdict(input(ratio(1.03, 1.01, 1.05)), { ...DEFAULT_VERDICT_POLICY, minEffect: 0.02 }).verdict).toBe('faster');
  });

  it('calls an optimized side that breaks its failure SLO "failed", whatever its ratio, even under --quick', () => {
    const failing = { naive: { successes: 1000, failures: 0 }, optimized: { successes: 980, failures: 20 } };
    expect(decideVerdict(input(ratio(5, 4, 6), { outcomes: failing }))).toEqual({ verdict: 'failed', reason: 'optimized failed 2% of requests (SLO: at most 1%)' });
    expect(decideVerdict(input(ratio(5, 4, 6), { outcomes: failing }), { ...DEFAULT_VERDICT_POLICY, verdicts: false }).verdict).toBe('failed');
    const atSlo = { naive: { successes: 1000, failures: 0 }, optimized: { successes: 990, failures: 10 } };
    expect(decideVerdict(input(ratio(5, 4, 6), { outcomes: atSlo })).verdict).toBe('faster');
  });

  it('does not hold a failing naive side against the optimized one', () => {
    const naiveFails = { naive: { successes: 500, failures: 500 }, optimized: { successes: 1000, failures: 0 } };
    expect(decideVerdict(input(ratio(5, 4, 6), { outcomes: naiveFails })).verdict).toBe('faster');
  });

  it('draws no verdict without an interval or with verdicts off', () => {
    expect(decideVerdict(input({ estimate: 4, ci95: null, samples: 2, emptyPairs: 0, method: 't-mean-log-ratio' }))).toEqual({ verdict: 'no-verdict', reason: '2 usable pair(s): too few for an interval' });
    expect(decideVerdict(input(ratio(5, 4, 6)), { ...DEFAULT_VERDICT_POLICY, verdicts: false })).toEqual({ verdict: 'no-verdict', reason: 'verdicts are off for this run (--quick)' });
  });

  it('lets a run that completed nothing forbid only the verdict in its own favour', () => {
    expect(decideVerdict(input(ratio(5, 4, 6), { emptyPairs: { naive: 0, optimized: 1 } })).verdict).toBe('no-verdict');
    expect(decideVerdict(input(ratio(5, 4, 6), { emptyPairs: { naive: 1, optimized: 0 } })).verdict).toBe('faster');
    expect(decideVerdict(input(ratio(0.5, 0.4, 0.6), { emptyPairs: { naive: 1, optimized: 0 } })).verdict).toBe('no-verdict');
    expect(decideVerdict(input(ratio(0.5, 0.4, 0.6), { emptyPairs: { naive: 0, optimized: 1 } })).verdict).toBe('slower');
  });
});
