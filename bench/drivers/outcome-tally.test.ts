import { describe, expect, it } from 'vitest';
import { decodeHistogram } from './hdr.ts';
import { OutcomeTally, statusClass } from './outcome-tally.ts';

describe('statusClass', () => {
  it('sorts answers into classes; no status is a transport failure', () => {
    expect([0, 200, 204, 299, 301, 304, 400, 404, 429, 500, 503, 599, 101].map(statusClass)).toEqual([
      'transport', '2xx', '2xx', '2xx', '3xx', '3xx', '4xx', '4xx', '4xx', '5xx', '5xx', '5xx', '5xx',
    ]);
  });
});

describe('OutcomeTally', () => {
  it('counts only successes as throughput and latency; failures apart, per class', () => {
    const tally = new OutcomeTally(2);
    tally.record(200, 0, 10);
    tally.record(503, 0, 0.2);
    tally.record(503, 1, 0.3);
    tally.record(404, 1, 0.4);
    tally.record(0, 1, null);
    tally.record(200, 9, 30); // late completion: lands in the last second
    const out = tally.figures();
    expect(out).toMatchObject({ requests: 5, succeeded: 2, failed: 4, errors: 1, non2xx: 3, throughput: 1, perSecond: [1, 1] });
    expect(out.statusClasses).toEqual({ '2xx': 2, '3xx': 0, '4xx': 1, '5xx': 2, transport: 1 });
    expect(out.failureRate).toBeCloseTo(4 / 6);
    // the fast 503s do not pull the latency down
    expect(out.latencyMs.p50).toBeCloseTo(10, 1);
    expect(decodeHistogram(out.histogram ?? '').totalCount).toBe(2);
    expect(decodeHistogram(out.failureHistogram ?? '').totalCount).toBe(3);
  });

  it('has no latency, no histogram and no failure rate when nothing was sent', () => {
    const out = new OutcomeTally(1).figures();
    expect(out).toMatchObject({ succeeded: 0, failed: 0, failureRate: null, histogram: null, failureHistogram: null, throughput: 0 });
  });
});
