import { syntheticResults } from '../../test-support/synthetic-results.ts';
import type { Results, VariantAggregate } from '../../results/types.ts';
import { assembleScaleReport, type MeasuredSize } from '../assemble-scale-report.ts';
import type { ScaleReport } from '../scale-schema.ts';

/** INVENTED latencies per size, for tests of the fit, schema and renderers: naive grows as rows (1 ms per 1k rows), optimized is flat. */
export const SYNTHETIC_LATENCY = {
  naive: (rows: number) => ({ p50: rows / 1_000, p95: (3 * rows) / 1_000 }),
  optimized: (_rows: number) => ({ p50: 1.2, p95: 2.5 }),
};

/** `tweak` may change an aggregate after its latencies are set (a test's special case). */
export type Tweak = (aggregate: VariantAggregate, rows: number) => VariantAggregate;

/** One synthetic run's results at `rows`, with only orders-with-items (autocannon) kept and its latencies from SYNTHETIC_LATENCY. */
export function syntheticSize(rows: number, tweak: Tweak = (v) => v): MeasuredSize {
  const base = syntheticResults();
  const variants = base.variants
    .filter((v) => v.comparison === 'orders-with-items')
    .map((v) => tweak({ ...v, latencyMs: { ...v.latencyMs, ...SYNTHETIC_LATENCY[v.variant](rows) } }, rows));
  const results: Results = { ...base, variants, dataset: { ...base.dataset, rows: { ...base.dataset.rows, products: rows, orders: rows } } };
  return { rows, runDir: `runs/synthetic-${rows}`, results };
}

/** A complete scale report over 10k, 100k and 1M built from synthetic sizes (given out of order on purpose). */
export function syntheticScaleReport(sizes: number[] = [100_000, 10_000, 1_000_000], tweak?: Tweak): ScaleReport {
  const info = { id: 'synthetic-scale', startedAt: new Date('2026-01-01T00:00:00Z'), command: 'perflab scale --synthetic', sizes: [...sizes].sort((a, b) => a - b), comparisons: ['orders-with-items'], quick: true, durationSec: 2, repeat: 2 };
  return assembleScaleReport(info, sizes.map((rows) => syntheticSize(rows, tweak)), true);
}
