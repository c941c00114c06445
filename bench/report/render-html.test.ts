import { describe, expect, it } from 'vitest';
import { renderHtml } from './render-html.ts';
import { syntheticResults, withScenarios } from '../test-support/synthetic-results.ts';

describe('renderHtml', () => {
  const results = syntheticResults();
  const html = renderHtml(results);

  it('is self-contained: Chart.js and the data are inlined, nothing is fetched', () => {
    expect(html).toContain('Chart.js v4');
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
  });

  it('has a throughput and a latency canvas per comparison, and the environment and data set', () => {
    expect(html.match(/<canvas class="chart" id="throughput-\d+"/g)).toHaveLength(2);
    expect(html.match(/<canvas class="chart" id="latency-\d+"/g)).toHaveLength(2);
    expect(html).toContain('<h3>orders-with-items</h3>');
    expect(html).toContain('Synthetic CPU (test fixture), 2 cores');
    expect(html).toContain('scale tiny, seed 42');
  });

  it('escapes every string from the results, in the page and in the inline JSON', () => {
    const hostile = withScenarios(results, results.scenarios.map((run) => ({ ...run, comparison: '</script><img src=x onerror=alert(1)>' })));
    hostile.comparisons = [];
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
