import { formatRatio } from './format-figures.ts';
import type { ComparisonSummary, LoadModel, RatioEstimate, Results, VariantAggregate } from '../results/types.ts';

/** One comparison with one driver: both sides' stored aggregates beside the stored summary. */
export interface ComparisonRow {
  comparison: string;
  driver: VariantAggregate['driver'];
  loadModel: LoadModel;
  naive: VariantAggregate | null;
  optimized: VariantAggregate | null;
  summary: ComparisonSummary | null;
}

/** The figure a comparison is read by, and how to say it. */
export interface Headline {
  /** `capacity`: a side could not hold the offered rate, so its latency grew with the run and only throughput compares. */
  metric: 'req/s' | 'rows/s' | 'p95' | 'capacity';
  estimate: RatioEstimate;
  /** For `capacity`: the true capacity ratio is at least (≥), at most (≤) or about (≈) the throughput ratio. */
  bound: '≥' | '≤' | '≈' | null;
}

/** Rows in run order (comparison, then driver), from `results.variants` and `results.comparisons`. */
export function comparisonRows(results: Results): ComparisonRow[] {
  const rows = new Map<string, ComparisonRow>();
  for (const variant of results.variants) {
    const key = `${variant.comparison}\u0000${variant.driver}`;
    const row = rows.get(key) ?? {
      comparison: variant.comparison,
      driver: variant.driver,
      loadModel: variant.loadModel,
      naive: null,
      optimized: null,
      summary: results.comparisons.find((summary) => summary.comparison === variant.comparison && summary.driver === variant.driver) ?? null,
    };
    row[variant.variant] = variant;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * Throughput under a closed model, p95 under an open one, as the stored verdict reads it —
 * unless a side was server-saturated (offered rate not held, generator idle): its latency
 * then grows with the run length and is no speedup, so the headline becomes the capacity
 * (throughput) ratio. Only the naive side saturated: the optimized side held the rate, so
 * its capacity is at least what it delivered (≥).
 */
export function headlineOf(row: ComparisonRow): Headline | null {
  if (!row.summary) return null;
  const naive = (row.naive?.serverSaturatedRuns ?? 0) > 0;
  const optimized = (row.optimized?.serverSaturatedRuns ?? 0) > 0;
  if (naive || optimized) return { metric: 'capacity', estimate: row.summary.throughputRatio, bound: naive && optimized ? '≈' : naive ? '≥' : '≤' };
  if (row.loadModel.type === 'open') return { metric: 'p95', estimate: row.summary.p95Ratio, bound: null };
  // bulk-import's throughput is rows durably imported per second (execute-run), not responses
  return { metric: row.comparison === 'bulk-import' ? 'rows/s' : 'req/s', estimate: row.summary.throughputRatio, bound: null };
}

/** "3.41× req/s [3.20×–3.62×]", or "server saturated — capacity ratio ≥ 1.67× [1.6×–1.7×]"; a dash without a usable pair. */
export function headlineText(headline: Headline | null): string {
  if (!headline) return '—';
  const { estimate, ci95 } = headline.estimate;
  if (estimate === null) return '—';
  const interval = ci95 ? ` [${formatRatio(ci95[0])}–${formatRatio(ci95[1])}]` : '';
  if (headline.metric === 'capacity') return `${headline.bound === '≈' ? 'both sides' : 'server'} saturated — capacity ratio ${headline.bound} ${formatRatio(estimate)}${interval}`;
  return `${formatRatio(estimate)} ${headline.metric}${interval}`;
}
