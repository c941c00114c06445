import { describe, expect, it } from 'vitest';
import { chartData } from './html-chart-data.ts';
import { renderHtml } from './render-html.ts';
import { syntheticResults, withScenarios } from '../test-support/synthetic-results.ts';
import type { Results } from '../results/types.ts';

/** The JSON the page's charts are drawn from. */
function inlineData(html: string): ReturnType<typeof chartData> {
  const json = html.match(/<script type="application\/json" id="perflab-data">([\s\S]*?)<\/script>/)?.[1] ?? 'null';
  return JSON.parse(json);
}

describe('renderHtml', () => {
  const results = syntheticResults();
  const html = renderHtml(results);

  it('is self-contained: Chart.js and the data are inlined, nothing is fetched', () => {
    expect(html).toContain('Chart.js v4');
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
  });

  it('opens with a banner naming each failed SLO with its threshold and measured value', () => {
    expect(html).toContain('<div id="banner" class="banner fail" role="status"><span class="mark">FAIL</span> <strong>perflab: 1 of 4 SLOs failed — 2 comparisons: 1 faster, 1 no-difference-shown</strong>');
    expect(html).toContain('<li>orders-with-items · autocannon: http_req_failed rate&lt;0.01 (1% of requests) — measured 2% of requests in 1 of 3 runs</li>');
    const met = withScenarios(results, results.scenarios.map((run) => ({ ...run, thresholds: run.thresholds.map((threshold) => ({ ...threshold, passed: true })) })));
    expect(renderHtml(met)).toContain('class="banner pass" role="status"><span class="mark">PASS</span> <strong>perflab: all 4 SLOs met');
  });

  it('has a summary chart of every comparison ratio with its interval, capacity ratios marked as bounds', () => {
    expect(html).toContain('<canvas class="chart" id="summary-chart" data-kind="summary"');
    const { summary } = inlineData(html);
    expect(summary.map((bar) => [bar.label, bar.metric, bar.bound, bar.tone])).toEqual([
      ['orders-with-items · autocannon', 'req/s', null, 'good'],
      ['product-detail-cache · k6', 'capacity', '≥', 'neutral'],
    ]);
    expect(summary[0]?.estimate).toBe(results.comparisons[0]?.throughputRatio.estimate);
    expect(summary[0]?.interval).toEqual(results.comparisons[0]?.throughputRatio.ci95);
    expect(summary[1]?.estimate).toBe(results.comparisons[1]?.throughputRatio.estimate);
    expect(summary[1]?.text).toMatch(/^server saturated — capacity ratio ≥ /);
  });

  it('per comparison: throughput and p95 per repeat, throughput per second of each run, and the HDR percentile plot', () => {
    for (const kind of ['throughput', 'p95', 'percentiles', 'persecond']) expect(html.match(new RegExp(`<canvas class="chart" id="${kind}-\\d+"`, 'g'))).toHaveLength(2);
    const [orders] = inlineData(html).comparisons;
    expect(orders?.spread.map((side) => [side.label, side.throughputRuns.length, side.p95Runs.length])).toEqual([
      ['naive · autocannon', 3, 3],
      ['optimized · autocannon', 3, 3],
    ]);
    expect(orders?.spread[0]?.throughputRuns).toEqual(results.scenarios.filter((run) => run.comparison === 'orders-with-items' && run.variant === 'naive').map((run) => run.throughput));
    expect(orders?.perSecond).toHaveLength(6);
    expect(orders?.perSecond[0]?.values).toEqual(results.scenarios[0]?.perSecond);
    const curve = orders?.percentiles[0]?.points ?? [];
    const stored = results.variants[0]!;
    // x = 1/(1−p): p0 → 1, p90 → 10; the max where the slowest of the merged histogram's 1,200 requests sits
    expect(curve.slice(0, 1)).toEqual([{ x: 1, y: stored.percentiles![0]!.ms }]);
    expect(curve.find((point) => Math.abs(point.x - 10) < 1e-9)?.y).toBe(stored.percentiles!.find((point) => point.percentile === 90)?.ms);
    expect(curve.at(-1)?.x).toBeCloseTo(1200, 1);
    expect(curve.at(-1)?.y).toBe(stored.latencyMs.max);
  });

  it('styles verdicts and flags, shows the legend, the environment and the data set', () => {
    expect(html).toContain('<span class="verdict good">faster</span>');
    expect(html).toContain('<span class="flag">⚠ naive: server saturated 1/3</span>');
    expect(html).toContain('<section id="legend"><h2>How to read these figures</h2><ul><li>');
    expect(html).toContain('<h3>orders-with-items</h3>');
    expect(html).toContain('Synthetic CPU (test fixture), 2 cores');
    expect(html).toContain('scale tiny, seed 42');
    const unknown: Results = { ...results, comparisons: results.comparisons.map((summary) => ({ ...summary, verdict: 'undecided' as never })) };
    expect(renderHtml(unknown)).toContain('<span class="verdict neutral">undecided</span>');
  });

  it('escapes every string from the results, in the page and in the inline JSON', () => {
    const hostile = withScenarios(results, results.scenarios.map((run) => ({ ...run, comparison: '</script><img src=x onerror=alert(1)>' })));
    const page = renderHtml(hostile);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('\\u003c/script\\u003e\\u003cimg');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('marks a partial run', () => {
    const page = renderHtml({ ...results, run: { ...results.run, complete: false } });
    expect(page).toContain('<title>perflab results — synthetic-run (PARTIAL)</title>');
    expect(page).toContain('<strong>PARTIAL RUN</strong>');
  });
});
