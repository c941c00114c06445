import { describe, expect, it } from 'vitest';
import { chartData } from '../report/html-chart-data.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { validateResults } from '../results/validate-results.ts';
import { K6CsvAggregator } from './k6-csv.ts';
import { mergeFigures } from './k6-merge.ts';
import { OutcomeTally } from './outcome-tally.ts';

/** 100 successes in `second`: 1..100 ms, so its p95 is 95 ms (to the histogram's 1%). */
function hundred(tally: OutcomeTally, second: number, scale = 1): void {
  for (let ms = 1; ms <= 100; ms++) tally.record(200, second, ms * scale);
}

describe('p95 per second of each run (latency over time)', () => {
  it('is taken from each second’s successes only, null for a second with none', () => {
    const tally = new OutcomeTally(3);
    hundred(tally, 0);
    hundred(tally, 2, 10);
    // failures and a slow answer in another second never move a second's p95
    for (let i = 0; i < 50; i++) tally.record(503, 0, 5000);
    const figures = tally.figures();
    expect(figures.perSecond).toEqual([100, 0, 100]);
    expect(figures.p95PerSecond[1]).toBeNull();
    expect(figures.p95PerSecond[0]).toBeCloseTo(95, -0.3);
    expect(figures.p95PerSecond[2]).toBeCloseTo(950, -1.3);
    expect(figures.perSecondHistograms.map((h) => h === null)).toEqual([false, true, false]);
  });

  it('k6: each http_req_duration sample lands in its own second', () => {
    const agg = new K6CsvAggregator(2);
    agg.line('metric_name,timestamp,metric_value,scenario,status');
    for (let i = 1; i <= 20; i++) {
      agg.line(`http_reqs,${1000 + i},1,measure,200`);
      agg.line(`http_req_duration,${1000 + i},${i},measure,200`);
      agg.line(`http_reqs,${2000 + i},1,measure,200`);
      agg.line(`http_req_duration,${2000 + i},${100 * i},measure,200`);
    }
    const { p95PerSecond } = agg.figures();
    expect(p95PerSecond[0]).toBeCloseTo(19, -0.3);
    expect(p95PerSecond[1]).toBeCloseTo(1900, -1.3);
  });

  it('merges instances second by second from their histograms, not by averaging their p95s', () => {
    const fast = new OutcomeTally(1);
    const slow = new OutcomeTally(1);
    for (let i = 0; i < 90; i++) fast.record(200, 0, 1);
    for (let i = 0; i < 10; i++) slow.record(200, 0, 100);
    const merged = mergeFigures([fast.figures(), slow.figures()], 1);
    // 100 samples, 10 of them at 100 ms: the p95 of the whole is 100 ms (the mean of the p95s would be 50.5)
    expect(merged.p95PerSecond[0]).toBeCloseTo(100, -0.3);
  });

  it('is stored in results.json (schema) and handed to the report charts', () => {
    const results = validateResults(syntheticResults());
    const [run] = results.scenarios;
    expect(run?.p95PerSecond).toHaveLength(run?.perSecond.length ?? -1);
    const series = chartData(results).comparisons[0]?.perSecond[0];
    expect(series?.p95).toEqual(run?.p95PerSecond);
    // results written before it was recorded still draw (gaps)
    delete results.scenarios[0]!.p95PerSecond;
    expect(chartData(validateResults(results)).comparisons[0]?.perSecond[0]?.p95.every((v) => v === null)).toBe(true);
  });
});
