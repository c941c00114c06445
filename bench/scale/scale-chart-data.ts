import type { ScaleReport, VariantGrowth } from './scale-schema.ts';

type Point = { x: number; y: number };

/** One line of the log–log chart: a measured percentile, or the p50 power-law fit. */
export interface ScaleSeries {
  label: string;
  variant: 'naive' | 'optimized';
  kind: 'p50' | 'p95' | 'fit';
  points: Point[];
}

/** One chart per comparison: latency (log) against rows (log), both variants. */
export interface ScaleChart {
  comparison: string;
  series: ScaleSeries[];
}

/** Chart series per comparison, computed here so the page script only draws. Zero latencies are left out (a log axis has no 0). */
export function scaleChartData(report: ScaleReport): ScaleChart[] {
  const ids = [...new Set(report.variants.map((v) => v.comparison))];
  return ids.map((comparison) => ({ comparison, series: report.variants.filter((v) => v.comparison === comparison).flatMap(variantSeries) }));
}

function variantSeries(v: VariantGrowth): ScaleSeries[] {
  const name = v.driver === 'autocannon' ? v.variant : `${v.variant} (${v.driver})`;
  const series: ScaleSeries[] = [
    { label: `${name} p50`, variant: v.variant, kind: 'p50', points: v.points.filter((p) => p.p50Ms > 0).map((p) => ({ x: p.rows, y: p.p50Ms })) },
    { label: `${name} p95`, variant: v.variant, kind: 'p95', points: v.points.filter((p) => p.p95Ms > 0).map((p) => ({ x: p.rows, y: p.p95Ms })) },
  ];
  const fit = fitLine(v);
  if (fit) series.push(fit);
  return series;
}

/** The p50 power law ms = a·rows^k through the geometric means of the points, drawn across the sizes measured. */
function fitLine(v: VariantGrowth): ScaleSeries | null {
  const exponent = v.p50?.exponent;
  const points = v.points.filter((p) => p.p50Ms > 0);
  if (exponent === null || exponent === undefined || points.length < 2) return null;
  // least squares passes through (mean log rows, mean log ms): enough to place the line without storing its intercept
  const meanLogRows = points.reduce((sum, p) => sum + Math.log(p.rows), 0) / points.length;
  const meanLogMs = points.reduce((sum, p) => sum + Math.log(p.p50Ms), 0) / points.length;
  const at = (rows: number) => ({ x: rows, y: Math.exp(meanLogMs + exponent * (Math.log(rows) - meanLogRows)) });
  const rows = points.map((p) => p.rows);
  return { label: `${v.variant} p50 fit (exponent ${exponent.toFixed(2)})`, variant: v.variant, kind: 'fit', points: [at(Math.min(...rows)), at(Math.max(...rows))] };
}
