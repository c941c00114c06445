import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChartPage } from '../report/chart-page.ts';
import { escapeHtml } from '../report/escape-text.ts';
import { capacityChartData } from './capacity-chart-data.ts';
import type { CapacityReport } from './capacity-schema.ts';
import { renderCapacityMarkdown } from './render-capacity-markdown.ts';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A capacity run's report.html: one self-contained page (Chart.js, the data and the drawing script inlined,
 * nothing fetched): per comparison, throughput vs concurrency with the USL curve and latency
 * vs offered rate with the SLO line and each maximum, both variants on one chart; the markdown
 * report below as preformatted text.
 */
export function renderCapacityHtml(report: CapacityReport): string {
  const charts = capacityChartData(report);
  const canvases = charts.map((c, i) => `<section><h2>${escapeHtml(c.comparison)}</h2>
<canvas class="chart" id="scaling-${i}" width="1000" height="380"></canvas>
<canvas class="chart" id="latency-${i}" width="1000" height="380"></canvas></section>`);
  return renderChartPage({
    title: `perflab capacity ${report.run.id}`,
    heading: `Capacity${report.run.complete ? '' : ' (partial)'}`,
    sections: canvases,
    markdown: renderCapacityMarkdown(report),
    dataId: 'capacity-data',
    data: charts,
    drawingScript: join(here, 'capacity-charts.browser.js'),
  });
}
