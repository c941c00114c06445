import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderScaleMarkdown } from './render-scale-markdown.ts';
import { scaleChartData } from './scale-chart-data.ts';
import { scaleJsonSchemaText, scaleSchema } from './scale-schema.ts';
import { syntheticScaleReport } from './test-support/synthetic-scale.ts';

describe('scale.json', () => {
  it('scale.schema.json is what the zod schema generates (regenerate: node --import tsx bench/scale/write-scale-schema.ts)', async () => {
    const onDisk = await readFile(new URL('./scale.schema.json', import.meta.url), 'utf8');
    expect(onDisk === scaleJsonSchemaText()).toBe(true);
  });

  it('fits every variant across sizes given in any order: naive linear at +100 ms per 100k rows, optimized flat', () => {
    const report = scaleSchema.parse(syntheticScaleReport());
    expect(report.sizes.map((s) => s.label)).toEqual(['10k', '100k', '1M']);
    const naive = report.variants.find((v) => v.variant === 'naive')!;
    const optimized = report.variants.find((v) => v.variant === 'optimized')!;
    expect(naive.points.map((p) => p.rows)).toEqual([10_000, 100_000, 1_000_000]);
    expect(naive.p50!.exponent).toBeCloseTo(1, 10);
    expect(naive.p50!.msPer100kRows).toBeCloseTo(100, 8);
    expect(naive.p95!.msPer100kRows).toBeCloseTo(300, 8);
    expect(naive.p50!.growth).toBe('linear');
    expect(optimized.p50).toMatchObject({ exponent: 0, msPer100kRows: 0, growth: 'flat' });
    expect(report.comparisons[0]!.sentence).toBe('p50 — naive: +100 ms per 100k rows (exponent 1.00, linear); optimized: +0.000 ms per 100k rows (exponent 0.00, flat)');
  });

  it('renders the growth table and a chart per comparison with measured points and the p50 fit through them', () => {
    const report = syntheticScaleReport();
    const markdown = renderScaleMarkdown(report);
    expect(markdown).toContain('| orders-with-items | naive | 1.00 | +100.000 ms | 1.00 | +300.000 ms | linear |');
    expect(markdown).toContain('| 1M | 1000.00 | 3000.00 |');
    const [chart] = scaleChartData(report);
    expect(chart!.series.map((s) => s.label)).toEqual(['naive p50', 'naive p95', 'naive p50 fit (exponent 1.00)', 'optimized p50', 'optimized p95', 'optimized p50 fit (exponent 0.00)']);
    const fit = chart!.series.find((s) => s.kind === 'fit' && s.variant === 'naive')!;
    expect(fit.points[0]!.y).toBeCloseTo(10, 8);
    expect(fit.points[1]!.y).toBeCloseTo(1000, 8);
  });

  it('with one size measured (interrupted), says there is no growth to fit and still validates', () => {
    const report = scaleSchema.parse(syntheticScaleReport([10_000]));
    expect(report.variants[0]!.p50).toBeNull();
    expect(report.notices).toContain('Fewer than two sizes were measured: there is no growth to fit.');
    expect(renderScaleMarkdown(report)).toContain('fewer than two sizes with answered requests: no growth to fit');
  });

  it('leaves a size where no request succeeded out of the fit instead of reading its 0 ms as fast', () => {
    const report = syntheticScaleReport(undefined, (v, rows) => (v.variant === 'optimized' && rows === 10_000 ? { ...v, requests: 0, latencyMs: { ...v.latencyMs, p50: 0, p95: 0 } } : v));
    const optimized = report.variants.find((v) => v.variant === 'optimized')!;
    expect(optimized.points.map((p) => p.requests === 0)).toEqual([true, false, false]);
    expect(optimized.p50).toMatchObject({ exponent: 0, growth: 'flat' });
    expect(optimized.sentence).toContain('(1 size with no successful request left out)');
  });
});
