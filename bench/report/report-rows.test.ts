import { renderHtml } from './render-html.ts';
import { describe, expect, it } from 'vitest';
import { syntheticResults, withScenarios } from '../test-support/synthetic-results.ts';
import { renderMarkdown } from './render-markdown.ts';
import { ratioCell, reportRows } from './report-rows.ts';

describe('report rows: figures every run stored', () => {
  it("shows every run's cache hit rate on a cached row, and none on an uncached one", () => {
    const base = syntheticResults();
    const scenarios = base.scenarios.map((run, i) => (run.server.cacheHitRatio === null ? run : { ...run, server: { ...run.server, cacheHitRatio: i % 2 ? 0.9 : 0.875 } }));
    const rows = reportRows(withScenarios(base, scenarios));
    const cached = rows.find((r) => r.comparison === 'product-detail-cache' && r.variant === 'optimized')!;
    expect(cached.notes).toEqual([`cache hits ${scenarios.filter((s) => s.comparison === 'product-detail-cache' && s.variant === 'optimized').map((s) => (s.server.cacheHitRatio === 0.9 ? '90%' : '88%')).join(', ')}`]);
    expect(rows.find((r) => r.comparison === 'orders-with-items')!.notes).toEqual([]);
  });

  it('bulk-import: the ratio reads rows/s, and the row says what its throughput column holds', () => {
    const base = syntheticResults();
    const imports = { rowsImported: 400, rowsPerSec: 200, importSec: 2, drainSec: 0.25, requestsPerSec: 10, jobs: 20, deferredQueriesPerRequest: 5, deferredQueriesSource: 'jobs table' as const };
    const scenarios = base.scenarios
      .filter((run) => run.comparison === 'orders-with-items')
      .map((run) => ({ ...run, comparison: 'bulk-import', throughput: run.variant === 'optimized' ? 200 : 50, imports: { ...imports, rowsPerSec: run.variant === 'optimized' ? 200 : 50 } }));
    const results = withScenarios(base, scenarios);
    const optimized = reportRows(results).find((r) => r.variant === 'optimized')!;
    expect(ratioCell(optimized)).toMatch(/^4\.00× rows\/s /);
    expect(optimized.notes).toEqual(['req/s column = rows imported/s (req/s 10, 10, 10)', 'queue drained in ≤ 0.25 s', '5.0 deferred queries/req']);
    expect(renderHtml(results)).toContain('5.0 deferred queries/req');
  });
});
