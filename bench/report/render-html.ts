import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartData, LATENCY_POINTS } from './html-chart-data.ts';
import { environmentFacts } from './environment-facts.ts';
import { escapeHtml as h, jsonForScript } from './escape-text.ts';
import { formatCount, formatMs, formatPercent, formatRate } from './format-figures.ts';
import { latencyCell, ratioCell, reportRows, rowFlags, type ReportRow } from './report-rows.ts';
import type { Results } from '../results/types.ts';

/**
 * report.html: one self-contained page (Chart.js and the data inlined, nothing fetched),
 * so it opens from a CI artifact or an e-mail attachment with no network. Per comparison
 * a throughput bar chart (naive vs optimized per driver) and latency-percentile curves;
 * the environment, data set, notices, table and calibration as text.
 */
export function renderHtml(results: Results): string {
  const rows = reportRows(results);
  const charts = chartData(rows);
  const partial = !results.run.complete;
  const title = `perflab results — ${results.run.id}${partial ? ' (PARTIAL)' : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${h(title)}</h1>
${partial ? '<p class="partial"><strong>PARTIAL RUN</strong>: interrupted or failed; only the scenarios that completed are shown.</p>' : ''}
<section id="environment"><h2>Environment and data set</h2><dl>${environmentFacts(results)
    .map((fact) => `<dt>${h(fact.label)}</dt><dd>${h(fact.value)}</dd>`)
    .join('')}</dl></section>
${results.notices.length > 0 ? `<section id="notices"><h2>Notices</h2><ul>${results.notices.map((notice) => `<li>${h(notice)}</li>`).join('')}</ul></section>` : ''}
<section id="results"><h2>Results</h2>${resultsTable(rows)}
<p class="note">Timings compare only on the same host; ratios (&gt; 1 = optimized better, Student-t 95% interval over paired repeats) and queries/req compare anywhere.</p></section>
<section id="charts"><h2>Charts</h2>${charts
    .map(
      (chart, index) => `<div class="comparison"><h3>${h(chart.comparison)}</h3>
<canvas class="chart" id="throughput-${index}" data-kind="throughput" width="560" height="320"></canvas>
<canvas class="chart" id="latency-${index}" data-kind="latency" width="560" height="320"></canvas></div>`,
    )
    .join('\n')}</section>
<section id="calibration"><h2>Calibration: HTTP ceiling (no-op route)</h2>${calibrationTable(results)}</section>
<script type="application/json" id="perflab-data">${jsonForScript({ latencyPoints: LATENCY_POINTS, charts })}</script>
<script>${chartJsSource()}</script>
<script>${chartsScript()}</script>
</body>
</html>
`;
}

function resultsTable(rows: ReportRow[]): string {
  if (rows.length === 0) return '<p>No scenario completed.</p>';
  const head = ['comparison', 'variant', 'driver', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'p99.9 ms', 'queries/req', 'of ceiling', 'ratio [95% CI]', 'verdict', 'flags'];
  const body = rows.map((row) => {
    const cells = [
      row.comparison,
      row.variant,
      row.repeats > 1 ? `${row.driver} (${row.repeats} runs)` : row.driver,
      formatRate(row.throughput),
      latencyCell(row, row.latencyMs.p50),
      latencyCell(row, row.latencyMs.p95),
      latencyCell(row, row.latencyMs.p99),
      latencyCell(row, row.latencyMs.p999),
      formatCount(row.queriesPerRequest),
      formatPercent(row.ceilingShare),
      ratioCell(row),
      row.variant === 'optimized' && row.summary ? row.summary.verdict : '',
      [...rowFlags(row), ...row.notes].join(', '),
    ];
    return `<tr class="${row.variant}">${cells.map((text) => `<td>${h(text)}</td>`).join('')}</tr>`;
  });
  return `<table><thead><tr>${head.map((text) => `<th>${h(text)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function calibrationTable(results: Results): string {
  if (results.calibration.length === 0) return '<p>Not measured in this run.</p>';
  const body = results.calibration
    .map((run) => [run.driver, String(run.connections), formatRate(run.throughput), formatMs(run.latencyMs.p50), formatMs(run.latencyMs.p99), `${run.generatorCpuCores.toFixed(2)} cores`])
    .map((cells) => `<tr>${cells.map((text) => `<td>${h(text)}</td>`).join('')}</tr>`);
  return `<table><thead><tr><th>driver</th><th>connections</th><th>req/s</th><th>p50 ms</th><th>p99 ms</th><th>generator CPU</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:nth-child(-n+3),td:last-child,th{text-align:left}td:nth-last-child(2),td:nth-last-child(3){white-space:nowrap}
tr.optimized td{background:#f3faf3}.partial{background:#fff3cd;padding:8px;border:1px solid #e0c36a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:600}dd{margin:0}
.comparison{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}.comparison h3{flex-basis:100%;margin:16px 0 0}
.note{color:#555}`;

const here = dirname(fileURLToPath(import.meta.url));
let chartJs: string | undefined;
let charts: string | undefined;

/** Chart.js's UMD build, resolved through the package so it follows npm's layout; `</script` cannot occur in code we inline. */
function chartJsSource(): string {
  chartJs ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  return chartJs;
}

function chartsScript(): string {
  charts ??= readFileSync(join(here, 'report-charts.browser.js'), 'utf8');
  return charts;
}
