import { escapeHtml as h } from '../../report/escape-text.ts';
import type { HistoryLine } from '../history.ts';

/** Most runs a trend shows (the newest). */
export const TREND_POINTS = 30;

/** One comparison × driver across the history: the headline ratio of each run that measured it. */
export interface TrendSeries {
  comparison: string;
  driver: string;
  figure: 'throughput' | 'p95';
  points: { id: string; gitSha: string | null; ratio: number }[];
}

/**
 * Pure: the series of the runs comparable with the current one (complete, same host fingerprint,
 * same scale and seed), oldest first, at most `TREND_POINTS` runs. The figure is the throughput
 * ratio when the runs recorded one, else the p95 ratio (an open-model comparison).
 */
export function trendSeries(lines: readonly HistoryLine[], current: Pick<HistoryLine, 'host' | 'scale' | 'seed'>): TrendSeries[] {
  const runs = lines.filter((l) => l.complete && l.host === current.host && l.scale === current.scale && l.seed === current.seed).slice(-TREND_POINTS);
  const series = new Map<string, TrendSeries>();
  for (const run of runs) {
    for (const c of run.comparisons) {
      const key = `${c.comparison}\u0000${c.driver}`;
      const entry = series.get(key) ?? { comparison: c.comparison, driver: c.driver, figure: c.throughputRatio !== null ? 'throughput' : 'p95', points: [] };
      const ratio = entry.figure === 'throughput' ? c.throughputRatio : c.p95Ratio;
      if (ratio !== null && ratio > 0) entry.points.push({ id: run.id, gitSha: run.gitSha, ratio });
      series.set(key, entry);
    }
  }
  return [...series.values()].filter((s) => s.points.length > 0);
}

const [W, H, PAD] = [320, 90, 14];

/** One series as an inline SVG line chart, log scale on y (ratios), a dashed line at 1×; each point titled with its run. */
function svgOf(series: TrendSeries): string {
  const logs = series.points.map((p) => Math.log(p.ratio));
  const [lo, hi] = [Math.min(0, ...logs), Math.max(0, ...logs)];
  const span = hi - lo || 1;
  const x = (i: number) => PAD + (series.points.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (series.points.length - 1));
  const y = (log: number) => H - PAD - ((log - lo) / span) * (H - 2 * PAD);
  const xy = logs.map((log, i) => `${x(i).toFixed(1)},${y(log).toFixed(1)}`);
  const dots = series.points.map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(logs[i] as number).toFixed(1)}" r="3"><title>${h(`${p.id}${p.gitSha ? ` (${p.gitSha.slice(0, 7)})` : ''}: ${Number(p.ratio.toPrecision(3))}×`)}</title></circle>`).join('');
  const label = `${series.comparison} (${series.driver}): optimized/naive ${series.figure} ratio over ${series.points.length} run(s)`;
  return `<svg class="trend" role="img" aria-label="${h(label)}" data-comparison="${h(series.comparison)}" data-driver="${h(series.driver)}" data-points="${series.points.length}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`
    + `<line x1="${PAD}" x2="${W - PAD}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#999" stroke-dasharray="4 3"/>`
    + `<polyline fill="none" stroke="#2563eb" stroke-width="2" points="${xy.join(' ')}"/><g fill="#2563eb">${dots}</g>`
    + `<text x="${PAD}" y="11" font-size="10">${h(`${Number(Math.exp(hi).toPrecision(3))}×`)}</text><text x="${PAD}" y="${H - 2}" font-size="10">${h(`${Number(Math.exp(lo).toPrecision(3))}×`)}</text></svg>`;
}

/** The "trend across history" section of report.html; '' when no comparable run has a ratio. */
export function renderTrendSection(series: readonly TrendSeries[]): string {
  if (series.length === 0) return '';
  const figures = series.map((s) => `<figure class="trend"><figcaption>${h(`${s.comparison} · ${s.driver}: latest ${Number((s.points.at(-1) as { ratio: number }).ratio.toPrecision(3))}×`)}</figcaption>${svgOf(s)}</figure>`).join('\n');
  return `<section id="trend"><h2>Trend across history</h2><p class="note">Each comparison's optimized/naive ratio (throughput, or p95 for open-model runs; &gt; 1: optimized better) in the last ${TREND_POINTS} complete runs of reports/history.jsonl on this host fingerprint, scale and seed, oldest left. Log scale; dashed line: 1× (no difference).</p>\n${figures}</section>\n`;
}
