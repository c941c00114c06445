import { describe, expect, it } from 'vitest';
import type { SummaryMetric } from './empty-thresholds.ts';
import { readEnv } from './env.ts';
import { humanBytes, humanMs, k6TotalsLines } from './k6-totals.ts';
import { writeSummary, type SummaryData } from './summary.ts';
import { assertThresholdsCanMatch, thresholdTags, unmatchableThresholds } from './threshold-tags.ts';
import { unavailableCode, unavailableLines } from './unavailable.ts';

const counter = (count: number, rate: number): SummaryMetric => ({ type: 'counter', values: { count, rate } });
const metrics = (): Record<string, SummaryMetric> => ({
  http_reqs: counter(120, 60),
  iterations: counter(118, 59),
  dropped_iterations: counter(3, 1.5),
  data_received: counter(2_500_000, 1_250_000),
  data_sent: counter(12_000, 6000),
  checks: { type: 'rate', values: { rate: 1, passes: 600, fails: 0 } },
  http_req_blocked: { type: 'trend', values: { avg: 0.01 } },
  http_req_duration: { type: 'trend', values: { avg: 12.5, min: 0.5, med: 10, max: 1500, 'p(90)': 20, 'p(95)': 30, 'p(99)': 40, count: 120 } },
  vus_max: { type: 'gauge', values: { value: 64, min: 64, max: 64 } },
  'http_req_duration{scenario:measure}': { type: 'trend', values: { count: 100, med: 10, 'p(95)': 30, 'p(99)': 40, 'p(99.9)': 41, max: 42 }, thresholds: { 'p(95)<100': { ok: true } } },
  'http_reqs{scenario:measure}': { type: 'counter', values: { count: 100, rate: 50 }, thresholds: { 'count>0': { ok: true } } },
});

describe("k6's own totals, rebuilt for handleSummary", () => {
  it('prints the metrics k6 prints, in its units, without the request phases', () => {
    const lines = k6TotalsLines(metrics());
    expect(lines.map((l) => l.split('.')[0])).toEqual(['checks', 'data_received', 'data_sent', 'dropped_iterations', 'http_req_duration', 'http_reqs', 'iterations', 'vus_max']);
    expect(lines).toContain('http_reqs.......................: 120      60/s');
    expect(lines).toContain('dropped_iterations..............: 3        1.5/s');
    expect(lines).toContain('data_received...................: 2.5 MB   1.25 MB/s');
    expect(lines).toContain('checks..........................: 100.00%  600 out of 600');
    expect(lines.find((l) => l.startsWith('http_req_duration'))).toMatch(/avg=12\.5ms min=500µs med=10ms max=1\.5s p\(90\)=20ms p\(95\)=30ms p\(99\)=40ms$/);
    expect([humanMs(0.0005), humanBytes(999), humanBytes(1000)]).toEqual(['0.5µs', '999 B', '1 kB']);
  });
});

describe('handleSummary', () => {
  const env = readEnv({ SUMMARY_PATH: '/tmp/s.json', VARIANT: 'optimized' });

  it("keeps k6's totals and adds perflab's lines after them", () => {
    const { stdout } = writeSummary({ metrics: metrics(), setup_data: { scenarios: ['warmup', 'measure'] } }, { comparison: 'x', env });
    expect(stdout).toMatch(/TOTAL RESULTS[\s\S]*http_reqs\.+: 120[\s\S]*perflab x \(optimized, open model, 10s measured after 3s warm-up\)[\s\S]*measured http_req_duration {2}n=100/);
    expect(stdout).toContain('ok   http_req_duration{scenario:measure}: p(95)<100');
  });

  it("says when k6's CLI flags replaced the scenarios", () => {
    const { stdout } = writeSummary({ metrics: metrics(), setup_data: { scenarios: ['default'] } }, { comparison: 'x', env });
    expect(stdout).toContain("k6 CLI options replaced perflab's scenarios with 'default': all of it is measured, no warm-up");
  });

  it("keeps the no-request guard out of the harness's JSON, but not a user's threshold on the same key", () => {
    const json = (e = env) => JSON.parse(writeSummary({ metrics: metrics() } as SummaryData, { comparison: 'x', env: e })['/tmp/s.json'] as string);
    expect(json().metrics['http_reqs{scenario:measure}'].thresholds).toEqual({});
    expect(json().metrics['http_req_duration{scenario:measure}'].thresholds).toEqual({ 'p(95)<100': { ok: true } });
    const own = readEnv({ SUMMARY_PATH: '/tmp/s.json', THRESHOLDS: '{"http_reqs{scenario:measure}":["count>0"]}' });
    expect(json(own).metrics['http_reqs{scenario:measure}'].thresholds).toEqual({ 'count>0': { ok: true } });
  });
});

describe('503s by code', () => {
  it('reads the code from the API error body', () => {
    expect(unavailableCode({ error: { code: 'timeout', message: 'request timed out' } })).toBe('timeout');
    expect(unavailableCode({ error: { code: 'weird' } })).toBe('other');
    expect(unavailableCode(null)).toBe('other');
  });

  it('prints counts by code and, for capacity codes, the pool advice', () => {
    const m = { api_503_timeout: counter(60, 6), api_503_db_timeout: counter(2, 0.2) };
    const lines = unavailableLines(m, 64, 68);
    expect(lines[0]).toBe('503 × 62 from the API: timeout × 60, db_timeout × 2');
    expect(lines[1]).toMatch(/up to 64 VUs in flight fit in `perflab serve`'s default pool of 68 connections.*could not keep up/);
    expect(unavailableLines(m, 64, 32)[1]).toMatch(/up to 64 VUs in flight .* default pool of 32 Postgres connections: requests queued for a connection/);
    expect(unavailableLines({ api_503_queue_unavailable: counter(3, 1) }, 8, 68)).toEqual(['503 × 3 from the API: queue_unavailable × 3']);
    expect(unavailableLines({}, 8, 68)).toEqual([]);
  });
});

describe('thresholds that can match no sample', () => {
  const vocabulary = { scenario: ['warmup', 'measure'], status: /^\d{1,3}$/, error: null };

  it('parses k6 tag filters', () => {
    expect(thresholdTags('http_req_duration{scenario:measure, status:200}')).toEqual({ scenario: 'measure', status: '200' });
    expect(thresholdTags('http_reqs')).toEqual({});
  });

  it('names the misspelt tag or value and what it can be', () => {
    expect(unmatchableThresholds(['a{scenario:measure,status:503}', 'b{error:anything}'], vocabulary)).toEqual([]);
    expect(unmatchableThresholds(['a{scenario:mesure}', 'b{url:x}', 'c{status:ok}'], vocabulary)).toEqual([
      "a{scenario:mesure}: 'scenario' is one of 'warmup', 'measure' (got 'mesure')",
      "b{url:x}: no sample carries tag 'url' (tags: scenario, status, error)",
      "c{status:ok}: 'status' is one of values matching /^\\d{1,3}$/ (got 'ok')",
    ]);
    expect(() => assertThresholdsCanMatch(['a{scenario:mesure}'], vocabulary)).toThrow(/matched no samples.*grafana\/k6#1526.*a\{scenario:mesure\}/);
  });
});
