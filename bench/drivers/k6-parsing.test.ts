import { describe, expect, it } from 'vitest';
import { findEmptyThresholds } from '../../scenarios/k6/lib/empty-thresholds.ts';
import { decodeHistogram } from './hdr.ts';
import { K6CsvAggregator } from './k6-csv.ts';
import { emptyThresholds, thresholdsFromSummary, type K6Summary } from './k6-summary.ts';
import type { TickEvent } from './types.ts';

const HEADER = 'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,extra_tags,metadata';
const sample = (metric: string, ms: number, value: number, scenario: string, status: number) =>
  `${metric},${ms},${value.toFixed(6)},,,,${status >= 200 && status < 400},,GET,GET /x,HTTP/1.1,${scenario},,${status},,,,`;

describe('K6CsvAggregator', () => {
  it('counts measured outcomes per status class, successes per second, latency of successes only; ignores other scenarios', () => {
    const ticks: TickEvent[] = [];
    const agg = new K6CsvAggregator(2, (t) => ticks.push(t));
    const lines = [
      HEADER,
      sample('http_reqs', 1000, 1, 'warmup', 200),
      sample('http_req_duration', 1000, 0.4, 'warmup', 200),
      sample('http_reqs', 2000, 1, 'measure', 200),
      sample('http_req_duration', 2000, 0.25, 'measure', 200),
      sample('http_reqs', 2500, 1, 'measure', 404),
      sample('http_req_duration', 2500, 0.5, 'measure', 404),
      sample('http_reqs', 3100, 1, 'measure', 0),
      sample('http_req_duration', 3100, 0, 'measure', 0),
      sample('http_reqs', 3200, 1, 'measure', 200),
      sample('http_req_duration', 3200, 1.5, 'measure', 200),
      sample('dropped_iterations', 3300, 2, 'measure', 0),
      // graceful-stop completions land in the last second
      sample('http_reqs', 9000, 1, 'measure', 200),
      sample('http_req_duration', 9000, 2, 'measure', 200),
    ];
    for (const line of lines) agg.line(line);
    agg.flush();
    const out = agg.figures();
    expect(out.perSecond).toEqual([1, 2]);
    expect(out.requests).toBe(4);
    expect(out.succeeded).toBe(3);
    expect(out.failed).toBe(2);
    expect(out.errors).toBe(1);
    expect(out.non2xx).toBe(1);
    expect(out.statusClasses).toEqual({ '2xx': 3, '3xx': 0, '4xx': 1, '5xx': 0, transport: 1 });
    expect(out.failureRate).toBe(0.4);
    expect(out.throughput).toBe(1.5);
    expect(agg.droppedIterations).toBe(2);
    // the 404's 0.5 ms and the transport error are failures: not in the latency of successes
    expect(decodeHistogram(out.histogram ?? '').totalCount).toBe(3);
    expect(decodeHistogram(out.histogram ?? '').minNonZeroValue).toBe(250);
    expect(decodeHistogram(out.failureHistogram ?? '').totalCount).toBe(2);
    expect(out.latencyMs.max).toBe(2);
    expect(ticks).toEqual([
      { second: 0, reqPerSec: 1 },
      { second: 1, reqPerSec: 2 },
    ]);
  });
});

const summary: K6Summary = {
  perflab: { comparison: 'x', variant: 'naive', emptyThresholds: [] },
  metrics: {
    'http_req_duration{scenario:measure}': {
      type: 'trend',
      values: { count: 10, avg: 0.5123456, med: 0.4004, 'p(90)': 0.9, 'p(95)': 1.25, 'p(99)': 2.5, 'p(99.9)': 3, max: 3.1 },
      thresholds: { 'p(95)<200': { ok: true } },
    },
    'http_req_failed{scenario:measure}': { type: 'rate', values: { rate: 0.5, passes: 5, fails: 5 }, thresholds: { 'rate<0.01': { ok: false } } },
    'http_req_duration{scenario:mesure}': { type: 'trend', values: { count: 0, avg: 0, med: 0 }, thresholds: { 'p(95)<200': { ok: true } } },
    'http_reqs{name:nope}': { type: 'counter', values: { count: 0, rate: 0 }, thresholds: { 'count<5': { ok: true } } },
    'dropped_iterations{scenario:measure}': { type: 'counter', values: { count: 0, rate: 0 }, thresholds: { 'count<1': { ok: true } } },
    http_reqs: { type: 'counter', values: { count: 0, rate: 0 }, thresholds: { 'count<1': { ok: true } } },
  },
};

describe('k6 summary parsing', () => {
  it('maps every threshold with the value k6 compared', () => {
    const results = thresholdsFromSummary(summary);
    expect(results).toContainEqual({ metric: 'http_req_duration{scenario:measure}', condition: 'p(95)<200', passed: true, actual: 1.25 });
    expect(results).toContainEqual({ metric: 'http_req_failed{scenario:measure}', condition: 'rate<0.01', passed: false, actual: 0.5 });
  });

  it('finds thresholds on submetrics that saw no sample (trend, counter), except dropped_iterations', () => {
    expect(findEmptyThresholds(summary.metrics).sort()).toEqual(['http_req_duration{scenario:mesure}', 'http_reqs{name:nope}']);
    expect(emptyThresholds({ ...summary, perflab: { comparison: 'x', variant: 'naive', emptyThresholds: ['a{b:c}'] } })).toContain('a{b:c}');
  });
});
