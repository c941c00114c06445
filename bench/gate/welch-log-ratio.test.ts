import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { pairedRatioInterval } from '../stats/paired-ratio-interval.ts';
import { tCritical } from '../stats/student-t.ts';
import { logEstimateOfRatio, logEstimateOfRuns, welchLogRatio } from './welch-log-ratio.ts';

describe('welchLogRatio', () => {
  it("recovers a stored ratio's log-scale standard error exactly from its t interval", () => {
    const naive = [100, 110, 105, 98, 103];
    const optimized = [400, 420, 390, 401, 437];
    const logs = naive.map((n, i) => Math.log((optimized[i] as number) / n));
    const recovered = logEstimateOfRatio(pairedRatioInterval(naive, optimized));
    expect(recovered?.logMean).toBeCloseTo(mean(logs), 12);
    expect(recovered?.standardError).toBeCloseTo(sampleStandardDeviation(logs) / Math.sqrt(5), 12);
    expect(recovered?.samples).toBe(5);
  });

  it('matches a Welch interval computed by hand (Welch–Satterthwaite df)', () => {
    const candidate = { logMean: Math.log(0.8), standardError: 0.05, samples: 6 };
    const baseline = { logMean: 0, standardError: 0.03, samples: 4 };
    const df = (0.05 ** 2 + 0.03 ** 2) ** 2 / (0.05 ** 4 / 5 + 0.03 ** 4 / 3);
    const half = tCritical(0.95, df) * Math.sqrt(0.05 ** 2 + 0.03 ** 2);
    const result = welchLogRatio(candidate, baseline);
    expect(result.degreesOfFreedom).toBeCloseTo(df, 10);
    expect(result.estimate).toBeCloseTo(0.8, 12);
    expect(result.interval[0]).toBeCloseTo(0.8 * Math.exp(-half), 12);
    expect(result.interval[1]).toBeCloseTo(0.8 * Math.exp(half), 12);
  });

  it('gives a zero-width interval at 1 for identical runs, and drops runs with no request', () => {
    const runs = logEstimateOfRuns([200, 0, 220, 210])!;
    expect(runs.samples).toBe(3);
    const same = welchLogRatio(runs, runs);
    expect(same.estimate).toBe(1);
    expect(same.interval[0]).toBeLessThan(1);
    expect(same.interval[1]).toBeGreaterThan(1);
    expect(logEstimateOfRuns([5])).toBeNull();
    expect(logEstimateOfRatio({ estimate: 2, ci95: null, samples: 2, emptyPairs: 0, method: 't-mean-log-ratio' })).toBeNull();
  });
});
