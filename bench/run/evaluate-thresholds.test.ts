import { describe, expect, it } from 'vitest';
import type { DriverOutput } from '../drivers/types.ts';
import { evaluateThresholds } from './evaluate-thresholds.ts';

const output = {
  requests: 990,
  errors: 10,
  non2xx: 0,
  succeeded: 990,
  failed: 10,
  failureRate: 0.01,
  latencyMs: { p50: 1, p90: 4, p95: 5, p99: 9, p999: 20, max: 31, mean: 2 },
} as DriverOutput;

describe('evaluateThresholds', () => {
  it('passes and fails percentile, average and rate conditions on the figures measured', () => {
    const results = evaluateThresholds({ http_req_duration: ['p(95)<10', 'p(99)<5', 'avg<=2'], http_req_failed: ['rate<0.01'] }, output);
    expect(results.map((r) => [r.condition, r.passed, r.actual])).toEqual([
      ['p(95)<10', true, 5],
      ['p(99)<5', false, 9],
      ['avg<=2', true, 2],
      ['rate<0.01', false, 0.01],
    ]);
  });

  it('refuses a metric or statistic it cannot compute instead of passing it silently', () => {
    expect(() => evaluateThresholds({ 'http_req_duration{name:x}': ['p(95)<10'] }, output)).toThrow(/cannot be checked/);
    expect(() => evaluateThresholds({ http_req_duration: ['p(75)<10'] }, output)).toThrow(/p50, p90/);
    expect(() => evaluateThresholds({ http_req_duration: ['med<10'] }, output)).toThrow(/not of the form/);
  });
});
