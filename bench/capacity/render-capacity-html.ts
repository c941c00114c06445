import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>perflab capacity ${escapeHtml(report.run.id)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px}pre{white-space:pre-wrap;font-size:13px;background:#f6f6f6;padding:1rem}canvas{display:block;margin:1rem 0}</style></head>
<body>
<h1>Capacity${report.run.complete ? '' : ' (partial)'}</h1>
${canvases.join('\n')}
<pre>${escapeHtml(renderCapacityMarkdown(report))}</pre>
<script type="application/json" id="capacity-data">${JSON.stringify(charts).replace(/</g, '\\u003c')}</script>
<script>${chartJs()}</script>
<script>${readFileSync(join(here, 'capacity-charts.browser.js'), 'utf8')}</script>
</body>
</html>
`;
}

function chartJs(): string {
  return readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
}
