import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChartPage } from '../report/chart-page.ts';
import { escapeHtml } from '../report/escape-text.ts';
import { scaleChartData } from './scale-chart-data.ts';
import type { ScaleReport } from './scale-schema.ts';
import { renderScaleMarkdown } from './render-scale-markdown.ts';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * scale.html: one self-contained page (Chart.js, the data and the drawing script inlined,
 * nothing fetched): per comparison, a log–log chart of p50 and p95 against rows for both
 * variants with the p50 power-law fit; the markdown report below as preformatted text.
 */
export function renderScaleHtml(report: ScaleReport): string {
  const charts = scaleChartData(report);
  const sections = charts.map((c, i) => `<section><h2>${escapeHtml(c.comparison)}</h2>
<canvas class="chart" id="scale-${i}" width="1000" height="420"></canvas></section>`);
  return renderChartPage({
    title: `perflab scale ${report.run.id}`,
    heading: `Cost growth with data${report.run.complete ? '' : ' (partial)'}`,
    sections,
    markdown: renderScaleMarkdown(report),
    dataId: 'scale-data',
    data: charts,
    drawingScript: join(here, 'scale-charts.browser.js'),
  });
}
