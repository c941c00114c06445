import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { parseCapacityOptions, parseHeadroom } from './capacity-options.ts';
import { parseSlo, sloFromThresholds } from './slo.ts';

const ids = ['orders-with-items', 'product-detail-cache'];

describe('perflab capacity flags', () => {
  it('parses an SLO on p95 and p99 in ms or s', () => {
    expect(parseSlo('p95<100ms')).toEqual({ p95Ms: 100, p99Ms: null, text: 'p95<100ms' });
    expect(parseSlo('p95<100ms, p99<0.25s')).toEqual({ p95Ms: 100, p99Ms: 250, text: 'p95<100ms, p99<250ms' });
  });

  it.each(['p95>100ms', 'p90<100ms', 'fast', '', 'p95<0ms', 'p95<100ms,'.repeat(0) + 'p95<abc'])("refuses an SLO it cannot parse ('%s') with one line naming the form", (raw) => {
    expect(() => parseSlo(raw)).toThrow(UsageError);
    expect(() => parseSlo(raw)).toThrow(/--slo must be p95<Nms and\/or p99<Nms/);
  });

  it("reads a comparison's SLO from its catalog thresholds", () => {
    expect(sloFromThresholds({ http_req_duration: ['p(95)<20'], http_req_failed: ['rate<0.01'] })).toEqual({ p95Ms: 20, p99Ms: null, text: 'p95<20ms' });
    expect(sloFromThresholds({ http_req_failed: ['rate<0.01'] })).toBeNull();
  });

  it('takes headroom as 30% or 0.3, and refuses 95% or text', () => {
    expect(parseHeadroom('30%')).toBeCloseTo(0.3);
    expect(parseHeadroom('0.25')).toBe(0.25);
    expect(() => parseHeadroom('95%')).toThrow(/--headroom must be between 0% and 90%/);
    expect(() => parseHeadroom('lots')).toThrow(/--headroom must be a share like 30% or 0.3/);
  });

  it('builds a target from --target-rps or from --users with a peak factor, never both', () => {
    expect(parseCapacityOptions({ 'target-rps': '5000' }, ids).target).toEqual({ kind: 'rps', rps: 5000 });
    expect(parseCapacityOptions({ users: '2000000', 'requests-per-user-day': '50', 'peak-factor': '3' }, ids).target).toEqual({ kind: 'users', users: 2_000_000, requestsPerUserDay: 50, peakFactor: 3 });
    expect(() => parseCapacityOptions({ users: '10', 'target-rps': '5' }, ids)).toThrow(/give one/);
    expect(() => parseCapacityOptions({ users: '10' }, ids)).toThrow(/--users needs --requests-per-user-day/);
    expect(() => parseCapacityOptions({ 'target-rps': '-5' }, ids)).toThrow(/--target-rps must be a positive number/);
  });

  it('defaults to every comparison, autocannon, 30% headroom, and refuses an unknown comparison or driver', () => {
    expect(parseCapacityOptions({}, ids)).toMatchObject({ only: ids, driver: 'autocannon', headroom: 0.3, slo: null, target: null, quick: false });
    expect(() => parseCapacityOptions({ only: 'nope' }, ids)).toThrow(/--only must be one of/);
    expect(() => parseCapacityOptions({ driver: 'wrk' }, ids)).toThrow(/--driver must be one of autocannon, k6/);
  });
});
