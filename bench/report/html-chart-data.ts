import { comparisonRows, headlineOf, headlineText } from './comparison-rows.ts';
import { verdictTone } from './verdict-words.ts';
import type { PercentilePoint, Results, Variant } from '../results/types.ts';

/** One bar of the summary chart: a comparison with one driver, its headline ratio and interval. */
export interface SummaryBar {
  label: string;
  metric: 'req/s' | 'rows/s' | 'p95' | 'capacity';
  /** Geometric-mean ratio over paired repeats. */
  estimate: number;
  /** The 95% interval; null when there were too few repeats for one. */
  interval: [number, number] | null;
  /** ≥ / ≤ for a capacity ratio that is a bound; null otherwise. */
  bound: '≥' | '≤' | '≈' | null;
  tone: 'good' | 'bad' | 'neutral';
  text: string;
}

/** One series drawn for a side of a comparison with one driver (or one run of it). */
interface Series {
  label: string;
  variant: Variant;
  driver: string;
}

/** What the browser script draws for one comparison: plain JSON of stored figures, reshaped for Chart.js. */
export interface ComparisonCharts {
  comparison: string;
  /** Per driver and side: the median bar and each repeat's dot, for req/s and p95. */
  spread: (Series & { throughput: number; throughputRuns: number[]; p95: number | null; p95Runs: number[] })[];
  /** Requests completed in each second of each run, and their p95 (ms; null: none that second, or not recorded). */
  perSecond: (Series & { repeat: number; values: number[]; p95: (number | null)[] })[];
  /** HDR percentile plot: x = 1/(1−p) (1 = p0, 10 = p90, 100 = p99 …), y = ms; the max sits at x = the histogram's request count. */
  percentiles: (Series & { points: { x: number; y: number }[] })[];
}

export interface ChartData {
  summary: SummaryBar[];
  comparisons: ComparisonCharts[];
}

/** Reshapes the stored aggregates, summaries and runs into the charts of report.html, in run order. */
export function chartData(results: Results): ChartData {
  const summary = comparisonRows(results).flatMap((row): SummaryBar[] => {
    const headline = headlineOf(row);
    const estimate = headline?.estimate.estimate;
    if (!headline || estimate === null || estimate === undefined || estimate <= 0) return [];
    const interval = headline.estimate.ci95 && headline.estimate.ci95[0] > 0 ? headline.estimate.ci95 : null;
    const tone = row.summary ? verdictTone(row.summary.verdict) : 'neutral';
    return [{ label: `${row.comparison} · ${row.driver}`, metric: headline.metric, estimate, interval, bound: headline.bound, tone, text: headlineText(headline) }];
  });
  const ids = [...new Set(results.variants.map((variant) => variant.comparison))];
  const comparisons = ids.map((comparison): ComparisonCharts => {
    const variants = results.variants.filter((variant) => variant.comparison === comparison);
    const runs = results.scenarios.filter((run) => run.comparison === comparison);
    return {
      comparison,
      spread: variants.map((variant) => {
        const own = runs.filter((run) => run.driver === variant.driver && run.variant === variant.variant);
        const timed = own.filter((run) => run.requests > 0);
        return {
          label: `${variant.variant} · ${variant.driver}`,
          variant: variant.variant,
          driver: variant.driver,
          throughput: variant.throughput,
          throughputRuns: own.map((run) => run.throughput),
          p95: variant.requests > 0 ? variant.latencyMs.p95 : null,
          p95Runs: timed.map((run) => run.latencyMs.p95),
        };
      }),
      perSecond: runs.map((run) => ({ label: `${run.variant} · ${run.driver} #${run.repeat}`, variant: run.variant, driver: run.driver, repeat: run.repeat, values: run.perSecond, p95: run.p95PerSecond ?? run.perSecond.map(() => null) })),
      percentiles: variants
        .filter((variant) => variant.percentiles !== null && variant.percentiles.length > 0 && variant.requests > 0)
        .map((variant) => ({
          label: `${variant.variant} · ${variant.driver}`,
          variant: variant.variant,
          driver: variant.driver,
          points: hdrPoints(variant.percentiles ?? []),
        })),
    };
  });
  return { summary, comparisons };
}

/** x = 1/(1−p) of each stored percentile: p0 → 1, p90 → 10, p99 → 100; the last point (the max) at the request count. */
function hdrPoints(spectrum: PercentilePoint[]): { x: number; y: number }[] {
  return spectrum.map((point) => ({ x: 100 / (100 - point.percentile), y: point.ms }));
}
