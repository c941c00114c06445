import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml, jsonForScript } from '../report/escape-text.ts';
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
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>perflab scale ${escapeHtml(report.run.id)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px}pre{white-space:pre-wrap;font-size:13px;background:#f6f6f6;padding:1rem}canvas{display:block;margin:1rem 0}</style></head>
<body>
<h1>Cost growth with data${report.run.complete ? '' : ' (partial)'}</h1>
${sections.join('\n')}
<pre>${escapeHtml(renderScaleMarkdown(report))}</pre>
<script type="application/json" id="scale-data">${jsonForScript(charts)}</script>
<script>${chartJs()}</script>
<script>${readFileSync(join(here, 'scale-charts.browser.js'), 'utf8')}</script>
</body>
</html>
`;
}

function chartJs(): string {
  return readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
}
