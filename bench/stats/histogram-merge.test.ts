import { describe, expect, it } from 'vitest';
import { encodeLatenciesMicros, latencyFromEncoded, mergeHistograms } from './merge-histograms.ts';

describe('mergeHistograms', () => {
  it('gives the same percentiles as one histogram of all the requests', () => {
    const fast = Array.from({ length: 900 }, (_, i) => 200 + (i % 100));
    const slow = Array.from({ length: 100 }, (_, i) => 20_000 + i * 10);
    const merged = mergeHistograms([encodeLatenciesMicros(fast), encodeLatenciesMicros(slow)]) as string;
    expect(latencyFromEncoded(merged)).toEqual(latencyFromEncoded(encodeLatenciesMicros([...fast, ...slow])));
    expect(latencyFromEncoded(merged).count).toBe(1000);
  });

  it('differs from averaging per-run percentiles, which is why reports never average them', () => {
    const runA = encodeLatenciesMicros(Array.from({ length: 1000 }, () => 1000));
    const runB = encodeLatenciesMicros(Array.from({ length: 10 }, () => 100_000));
    const averagedP50 = (latencyFromEncoded(runA).p50 + latencyFromEncoded(runB).p50) / 2;
    const mergedP50 = latencyFromEncoded(mergeHistograms([runA, runB]) as string).p50;
    expect(mergedP50).toBeCloseTo(1, 2);
    expect(averagedP50).toBeGreaterThan(50);
  });

  it('keeps microsecond resolution in milliseconds', () => {
    const latency = latencyFromEncoded(encodeLatenciesMicros([412, 412, 412, 1500]));
    expect(latency.p50).toBeCloseTo(0.412, 3);
    expect(latency.max).toBeCloseTo(1.5, 2);
    expect(latency.mean).toBeCloseTo((412 * 3 + 1500) / 4 / 1000, 2);
  });

  it('returns null for no histograms, and zeros for an empty one', () => {
    expect(mergeHistograms([])).toBeNull();
    expect(latencyFromEncoded(encodeLatenciesMicros([]))).toEqual({ p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, count: 0 });
  });
});
