import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AA_LABEL, AA_NOTICE, isAaRun } from './aa-mode.ts';
import { comparisonRows, headlineOf, headlineText } from './comparison-rows.ts';
import { chartData, type ComparisonCharts } from './html-chart-data.ts';
import { environmentFacts } from './environment-facts.ts';
import { FLOOR_NOTE, floorFacts } from './floor-facts.ts';
import { chartJsSource } from './chart-page.ts';
import { escapeHtml as h, jsonForScript } from './escape-text.ts';
import { formatCount, formatMs, formatPercent, formatRate } from './format-figures.ts';
import { overallStatus } from './overall-line.ts';
import { READING_GUIDE } from './reading-guide.ts';
import { microMethodText, microPairTable, microTaskTable, type TextTable } from './micro-tables.ts';
import { latencyCell, ratioCell, reportRows, rowFlags, type ReportRow } from './report-rows.ts';
import { sloFailureText, sloOutcome } from './slo-outcome.ts';
import { verdictTone } from './verdict-words.ts';
import type { LoadModel, Results } from '../results/types.ts';

/**
 * report.html: one self-contained page (Chart.js and the data inlined, nothing fetched),
 * so it opens from a CI artifact or an e-mail attachment with no network. At the top the
 * SLO banner and a summary chart of every comparison's ratio with its interval (log
 * axis); per comparison the headline and flags, throughput and p95 per repeat (dots over
 * the median bars), throughput and p95 per second of every run and the HDR percentile plot; then
 * the full table, environment, notices, calibration and how to read the figures.
 */
export function renderHtml(results: Results): string {
  const rows = reportRows(results);
  const charts = chartData(results);
  const slo = sloOutcome(results);
  const partial = !results.run.complete;
  const title = `perflab results — ${results.run.id}${partial ? ' (PARTIAL)' : ''}`;
  const status = overallStatus(results, slo);
  const tone = partial && status.tone === 'pass' ? 'warn' : status.tone;
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
<div id="banner" class="banner ${tone}" role="status"><span class="mark">${BANNER_MARKS[tone]}</span> <strong>${h(status.text)}</strong>${
    slo.failures.length > 0 ? `<ul>${slo.failures.map((failure) => `<li>${h(sloFailureText(failure))}</li>`).join('')}</ul>` : ''
  }</div>
${isAaRun(results) ? `<p id="aa-mode" class="partial"><strong>${h(AA_LABEL)}</strong> — ${h(AA_NOTICE)}</p>` : ''}
${partial ? '<p class="partial"><strong>PARTIAL RUN</strong>: interrupted or failed; only the scenarios that completed are shown.</p>' : ''}
<section id="summary"><h2>At a glance: optimized against naive</h2>${
    charts.summary.length > 0
      ? `<canvas class="chart" id="summary-chart" data-kind="summary" width="1100" height="${Math.max(140, 70 + 30 * charts.summary.length)}"></canvas>
<p class="note">Each bar is a comparison with one driver: the dot is the median ratio over paired repeats, the bar its 95% interval, on a log axis; right of the dashed line at 1× the optimized side is better. Green: verdict faster, red: slower, grey: inconclusive. ▶ marks a capacity ratio that is a lower bound (the naive side was server-saturated).</p>`
      : '<p>No comparison has a ratio to show.</p>'
  }</section>
<section id="comparisons"><h2>Per comparison</h2>${charts.comparisons.map((chart, index) => comparisonSection(chart, index, results)).join('\n')}</section>
<section id="results"><h2>All figures</h2>${resultsTable(rows)}</section>
${floorSection(results)}
${results.micro ? microSection(results.micro) : ''}
<section id="environment"><h2>Environment and data set</h2><dl>${environmentFacts(results)
    .map((fact) => `<dt>${h(fact.label)}</dt><dd>${h(fact.value)}</dd>`)
    .join('')}</dl></section>
${results.notices.length > 0 ? `<section id="notices"><h2>Notices</h2><ul>${results.notices.map((notice) => `<li>${h(notice)}</li>`).join('')}</ul></section>` : ''}
<section id="calibration"><h2>Calibration: HTTP ceiling (no-op route)</h2>${calibrationTable(results)}</section>
<section id="legend"><h2>How to read these figures</h2><ul>${READING_GUIDE.map((item) => `<li>${h(item)}</li>`).join('')}</ul></section>
<script type="application/json" id="perflab-data">${jsonForScript(charts)}</script>
<script>${chartJsSource()}</script>
<script>${chartsScript()}</script>
</body>
</html>
`;
}

function floorSection(results: Results): string {
  const facts = floorFacts(results);
  if (facts.length === 0) return '';
  return `<section id="floor"><h2>Share of the floor (optimized path without HTTP)</h2><p class="note">${h(FLOOR_NOTE)}</p><dl>${facts.map((fact) => `<dt>${h(fact.label)}</dt><dd>${h(fact.value)}</dd>`).join('')}</dl></section>`;
}

/** A comparison's headline per driver (ratio, verdict, flags) above its four charts. */
function comparisonSection(chart: ComparisonCharts, index: number, results: Results): string {
  const heads = comparisonRows(results)
    .filter((row) => row.comparison === chart.comparison)
    .map((row) => {
      const flags = (['naive', 'optimized'] as const).flatMap((variant) => (row[variant] ? rowFlags(row[variant]).map((flag) => `${variant}: ${flag}`) : []));
      return `<p class="headline"><span class="driver">${h(row.driver)} · ${h(loadModelText(row.loadModel))}</span> <span class="ratio">${h(headlineText(headlineOf(row)))}</span>${
        row.summary ? ` ${verdictBadge(row.summary.verdict)}` : ''
      }${flags.map((flag) => ` <span class="flag">⚠ ${h(flag)}</span>`).join('')}</p>`;
    })
    .join('');
  const canvas = (kind: string, width: number, height: number) => `<canvas class="chart" id="${kind}-${index}" data-kind="${kind}" width="${width}" height="${height}"></canvas>`;
  return `<div class="comparison"><h3>${h(chart.comparison)}</h3>${heads}
<div class="charts">${canvas('throughput', 300, 280)}${canvas('p95', 300, 280)}${canvas('percentiles', 600, 280)}${canvas('persecond', 1216, 240)}${canvas('p95persecond', 1216, 240)}</div></div>`;
}

function loadModelText(model: LoadModel): string {
  return model.type === 'open' ? `open model, ${model.rate.toLocaleString('en-US')} req/s offered` : `closed model, ${model.connections} connections`;
}

/** The verdict word in a coloured badge: the colour carries the mark (headless and CI browsers often lack emoji fonts). */
function verdictBadge(verdict: string): string {
  return `<span class="verdict ${verdictTone(verdict)}">${h(verdict)}</span>`;
}

const BANNER_MARKS = { pass: 'PASS', fail: 'FAIL', warn: 'CHECK' } as const;

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
    ];
    const verdict = row.variant === 'optimized' && row.summary ? verdictBadge(row.summary.verdict) : '';
    const flags = [...rowFlags(row).map((flag) => `<span class="flag">⚠ ${h(flag)}</span>`), ...row.notes.map((note) => `<span class="note">${h(note)}</span>`)].join(' ');
    return `<tr class="${row.variant}">${cells.map((text) => `<td>${h(text)}</td>`).join('')}<td>${verdict}</td><td>${flags}</td></tr>`;
  });
  return `<table><thead><tr>${head.map((text) => `<th>${h(text)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function microSection(micro: NonNullable<Results['micro']>): string {
  const pairs = micro.pairs.length > 0 ? htmlTable(microPairTable(micro)) : '';
  return `<section id="micro"><h2>Micro-benchmarks</h2><p class="note">${h(microMethodText(micro))}</p>${pairs}${htmlTable(microTaskTable(micro))}</section>`;
}

function htmlTable(table: TextTable): string {
  const body = table.rows.map((row) => `<tr>${row.map((text) => `<td>${h(text)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${table.head.map((text) => `<th>${h(text)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

function calibrationTable(results: Results): string {
  if (results.calibration.length === 0) return '<p>Not measured in this run.</p>';
  const body = results.calibration
    .map((run) => [run.driver, String(run.connections), formatRate(run.throughput), formatMs(run.latencyMs.p50), formatMs(run.latencyMs.p99), `${run.generatorCpuCores.toFixed(2)} cores`])
    .map((cells) => `<tr>${cells.map((text) => `<td>${h(text)}</td>`).join('')}</tr>`);
  return `<table><thead><tr><th>driver</th><th>connections</th><th>req/s</th><th>p50 ms</th><th>p99 ms</th><th>generator CPU</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff;max-width:1240px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:nth-child(-n+3),td:nth-last-child(-n+3),th{text-align:left}
tr.optimized td{background:#f3faf3}.partial{background:#fff3cd;padding:8px;border:1px solid #e0c36a}
.banner{padding:12px 16px;border-radius:6px;font-size:16px;border:1px solid}.banner .mark{display:inline-block;padding:1px 8px;border-radius:4px;color:#fff;font-weight:700;font-size:14px;margin-right:4px}
.banner.pass .mark{background:#2e7d32}.banner.fail .mark{background:#c62828}.banner.warn .mark{background:#9a7400}.banner ul{margin:6px 0 0;font-size:14px}
.banner.pass{background:#e6f4ea;border-color:#8cc79b;color:#17522a}.banner.fail{background:#fdecea;border-color:#e39b95;color:#8a1c13}.banner.warn{background:#fff3cd;border-color:#e0c36a;color:#6b5000}
.verdict,.flag{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;white-space:nowrap;margin:1px 0}
.verdict.good{background:#2e7d32;color:#fff}.verdict.bad{background:#c62828;color:#fff}.verdict.neutral{background:#e0e0e0;color:#333}
.flag{background:#fff3cd;color:#6b5000;border:1px solid #e0c36a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{font-weight:600}dd{margin:0}
.comparison{border-top:1px solid #ddd;margin-top:12px}.comparison h3{margin:12px 0 4px}.headline{margin:2px 0}.headline .driver{color:#555}.headline .ratio{font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start}
.note{color:#555}`;

const here = dirname(fileURLToPath(import.meta.url));
let charts: string | undefined;


function chartsScript(): string {
  charts ??= readFileSync(join(here, 'report-charts.browser.js'), 'utf8');
  return charts;
}
