import type { CapacityReport } from './capacity-schema.ts';
import { uslThroughput } from './usl-fit.ts';

type Point = { x: number; y: number };

/** One series of a chart: points, drawn as a line or as dots. */
export interface Series {
  label: string;
  variant: 'naive' | 'optimized' | 'slo';
  kind: 'points' | 'curve' | 'marker';
  /** Which latency percentile (dash pattern), when a latency series. */
  dash?: 'p50' | 'p95' | 'p99';
  points: Point[];
}

/** The two charts of one comparison, both variants on each. */
export interface ComparisonCapacityCharts {
  comparison: string;
  scaling: Series[];
  latency: Series[];
}

/** Chart series per comparison, computed here so the page script only draws (USL curve sampled at 60 points). */
export function capacityChartData(report: CapacityReport): ComparisonCapacityCharts[] {
  const ids = [...new Set(report.variants.map((v) => v.comparison))];
  return ids.map((comparison) => {
    const variants = report.variants.filter((v) => v.comparison === comparison);
    const scaling: Series[] = [];
    const latency: Series[] = [];
    for (const v of variants) {
      scaling.push({ label: `${v.variant} measured`, variant: v.variant, kind: 'points', points: v.sweep.map((p) => ({ x: p.concurrency, y: p.throughput })) });
      if (v.usl && v.sweep.length > 0) {
        const top = Math.max(...v.sweep.map((p) => p.concurrency), v.usl.peakConcurrency !== null ? Math.min(v.usl.peakConcurrency, 4 * Math.max(...v.sweep.map((p) => p.concurrency))) : 0);
        const usl = v.usl;
        scaling.push({ label: `${v.variant} USL fit (R² ${usl.rSquared.toFixed(2)})`, variant: v.variant, kind: 'curve', points: Array.from({ length: 60 }, (_, i) => 1 + ((top - 1) * i) / 59).map((n) => ({ x: n, y: uslThroughput(n, usl) })) });
      }
      const steps = [...v.steps].sort((a, b) => a.rate - b.rate);
      for (const dash of ['p50', 'p95', 'p99'] as const) latency.push({ label: `${v.variant} ${dash}`, variant: v.variant, kind: 'points', dash, points: steps.filter((s) => s.latencyMs[dash] > 0).map((s) => ({ x: s.rate, y: s.latencyMs[dash] })) }); // a step with no success has no latency (and a log axis no zero)
      if (v.outcome?.kind === 'found') {
        // a vertical line spanning the measured latencies (the latency axis is logarithmic: no zero)
        const top = Math.max(...v.steps.map((s) => s.latencyMs.p99), 1);
        const bottom = Math.max(0.01, Math.min(...v.steps.map((s) => s.latencyMs.p50)));
        latency.push({ label: `${v.variant} maximum ${Math.round(v.outcome.maxRate)} req/s`, variant: v.variant, kind: 'marker', points: [{ x: v.outcome.maxRate, y: bottom }, { x: v.outcome.maxRate, y: top }] });
      }
    }
    const slos = variants.map((v) => Number(/p95<([\d.]+)ms/.exec(v.slo)?.[1] ?? /p99<([\d.]+)ms/.exec(v.slo)?.[1] ?? NaN)).filter(Number.isFinite);
    const rates = variants.flatMap((v) => v.steps.map((s) => s.rate));
    if (slos.length > 0 && rates.length > 0) latency.push({ label: `SLO ${variants[0]!.slo}`, variant: 'slo', kind: 'curve', points: [{ x: 0, y: slos[0]! }, { x: Math.max(...rates), y: slos[0]! }] });
    return { comparison, scaling, latency };
  });
}
