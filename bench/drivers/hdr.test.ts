import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, decodeHistogram, encodeHistogram, latencyFromHistogram, recordMs } from './hdr.ts';

describe('latency histogram', () => {
  it('keeps microseconds: sub-ms latencies are not rounded to 0', () => {
    const h = createLatencyHistogram();
    for (const ms of [0.105, 0.2, 0.3, 0.412, 0.9]) recordMs(h, ms);
    const l = latencyFromHistogram(h);
    expect(l.p50).toBe(0.3);
    expect(l.max).toBe(0.9);
    expect(l.mean).toBeCloseTo(0.3834, 3);
  });

  it('never reports a percentile above the exact max', () => {
    const h = createLatencyHistogram();
    recordMs(h, 585.797);
    for (let i = 0; i < 99; i++) recordMs(h, 1);
    const l = latencyFromHistogram(h);
    expect(l.p999).toBeLessThanOrEqual(l.max);
    expect(l.max).toBe(585.797);
  });

  it('round-trips through base64 so runs can be merged', () => {
    const h = createLatencyHistogram();
    for (let i = 1; i <= 100; i++) recordMs(h, i / 10);
    const back = decodeHistogram(encodeHistogram(h));
    expect(back.totalCount).toBe(100);
    const [a, b] = [latencyFromHistogram(h), latencyFromHistogram(back)];
    expect({ ...b, max: 0, p999: 0 }).toEqual({ ...a, max: 0, p999: 0 });
    // the encoding keeps 3 significant digits: the decoded max is its bucket's upper edge
    expect(Math.abs(b.max - a.max) / a.max).toBeLessThan(0.001);
  });

  it('is empty-safe', () => {
    expect(latencyFromHistogram(createLatencyHistogram())).toEqual({ p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 });
  });
});
