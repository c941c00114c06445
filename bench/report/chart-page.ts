import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { escapeHtml, jsonForScript } from './escape-text.ts';

let chartJs: string | undefined;

/** Chart.js's UMD build, resolved through the package so it follows npm's layout; `</script` cannot occur in code we inline. */
export function chartJsSource(): string {
  chartJs ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  return chartJs;
}

/** What a one-report chart page (capacity, scale) holds. */
export interface ChartPage {
  title: string;
  heading: string;
  /** The chart sections, already HTML. */
  sections: string[];
  /** The Markdown report, shown below the charts as preformatted text. */
  markdown: string;
  /** The id of the JSON script element the drawing script reads, and its data. */
  dataId: string;
  data: unknown;
  /** Path of the browser script that draws the charts. */
  drawingScript: string;
}

/** One self-contained page: Chart.js, the data and the drawing script inlined, nothing fetched. */
export function renderChartPage(page: ChartPage): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px}pre{white-space:pre-wrap;font-size:13px;background:#f6f6f6;padding:1rem}canvas{display:block;margin:1rem 0}</style></head>
<body>
<h1>${escapeHtml(page.heading)}</h1>
${page.sections.join('\n')}
<pre>${escapeHtml(page.markdown)}</pre>
<script type="application/json" id="${page.dataId}">${jsonForScript(page.data)}</script>
<script>${chartJsSource()}</script>
<script>${readFileSync(page.drawingScript, 'utf8')}</script>
</body>
</html>
`;
}
