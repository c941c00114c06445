import type { ReportRow } from './report-rows.ts';

/** What the browser script needs to draw one comparison's two charts; plain JSON. */
export interface ComparisonCharts {
  comparison: string;
  /** Throughput bars: one group per driver, naive and optimized side by side (median req/s over repeats). */
  throughput: { drivers: string[]; naive: (number | null)[]; optimized: (number | null)[] };
  /** Latency-percentile curves, one per driver and variant, in milliseconds; null points where no request completed. */
  latency: { label: string; variant: 'naive' | 'optimized'; values: (number | null)[] }[];
}

/** Percentile points of the latency curves, in the order plotted. */
export const LATENCY_POINTS = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max'] as const;

const LATENCY_KEYS = ['p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;

/** Groups report rows into per-comparison chart data, in run order. */
export function chartData(rows: ReportRow[]): ComparisonCharts[] {
  const comparisons = [...new Set(rows.map((row) => row.comparison))];
  return comparisons.map((comparison) => {
    const own = rows.filter((row) => row.comparison === comparison);
    const drivers = [...new Set(own.map((row) => row.driver))];
    const throughputOf = (driver: string, variant: string) => own.find((row) => row.driver === driver && row.variant === variant)?.throughput ?? null;
    return {
      comparison,
      throughput: {
        drivers,
        naive: drivers.map((driver) => throughputOf(driver, 'naive')),
        optimized: drivers.map((driver) => throughputOf(driver, 'optimized')),
      },
      latency: own.map((row) => ({
        label: `${row.variant} · ${row.driver}`,
        variant: row.variant,
        values: LATENCY_KEYS.map((key) => (row.requests === 0 ? null : row.latencyMs[key])),
      })),
    };
  });
}
