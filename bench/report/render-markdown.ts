import { environmentFacts } from './environment-facts.ts';
import { escapeMarkdownCell as cell } from './escape-text.ts';
import { formatCount, formatMs, formatPercent, formatRate } from './format-figures.ts';
import { latencyCell, ratioCell, reportRows, rowFlags, type ReportRow } from './report-rows.ts';
import type { Results } from '../results/types.ts';

const VERDICT_WORDS = { faster: '✅ faster', slower: '❌ slower', 'no-difference-shown': '≈ no difference shown', failed: '❌ failed', 'no-verdict': '— no verdict' } as const;

/**
 * results.md: the run at a glance, fit for `$GITHUB_STEP_SUMMARY` or a PR comment.
 * Header (run, host, services, data set), notices, one results table, the calibration
 * ceiling, and how to read the figures.
 */
export function renderMarkdown(results: Results): string {
  const partial = !results.run.complete;
  const lines = [`# perflab results${partial ? ' — PARTIAL' : ''}`, ''];
  if (partial) lines.push('> **PARTIAL RUN**: interrupted or failed; only the scenarios that completed are shown.', '');
  for (const fact of environmentFacts(results)) lines.push(`- **${fact.label}**: ${cell(fact.value)}`);
  lines.push('');
  if (results.notices.length > 0) {
    lines.push('## Notices', '', ...results.notices.map((notice) => `- ${cell(notice)}`), '');
  }
  lines.push('## Results', '', ...resultsTable(reportRows(results)), '');
  lines.push('## Calibration: HTTP ceiling of this host (no-op route)', '', ...calibrationTable(results), '');
  lines.push(
    '## Reading these figures',
    '',
    '- req/s and latencies are medians over repeats (latency percentiles from the merged HDR histograms); they compare only with runs on the same host.',
    '- Ratios and queries/req compare anywhere. A ratio > 1 means the optimized side is better: optimized/naive for req/s, naive/optimized for p95. The ratio is the geometric mean over paired, interleaved repeats with a Student-t 95% interval on the log scale (samples are runs, not requests); fewer than 3 pairs give no interval. "faster"/"slower" need the interval to exclude 1 and the ratio to reach 1.05×; "failed": the optimized side failed over 1% of requests; `--quick` draws no verdict.',
    '- "of ceiling" is req/s against the no-op route with the same driver; near 100% the HTTP stack, not the endpoint, is the limit.',
    '- Flags: "generator saturated" means the load generator\'s CPU, not the server, limited the run; "offered rate not held" means an open-model run delivered under 95% of its arrival rate — with an idle generator, the server could not keep up and its latencies are those of an overloaded server; "decay" means throughput fell steadily during the run (a fitted slope, not noise).',
    '',
  );
  return lines.join('\n');
}

function resultsTable(rows: ReportRow[]): string[] {
  if (rows.length === 0) return ['No scenario completed.'];
  const header = '| comparison | variant | driver | req/s | p50 ms | p95 ms | p99 ms | queries/req | of ceiling | ratio [95% CI] | verdict | flags |';
  const rule = '|---|---|---|--:|--:|--:|--:|--:|--:|---|---|---|';
  return [header, rule, ...rows.map(resultRow)];
}

function resultRow(row: ReportRow): string {
  const isOptimized = row.variant === 'optimized';
  const verdict = isOptimized && row.summary ? VERDICT_WORDS[row.summary.verdict] : '';
  const flags = rowFlags(row).map((flag) => `⚠ ${flag}`);
  const repeats = row.repeats > 1 ? ` (${row.repeats} runs)` : '';
  return `| ${[
    cell(row.comparison),
    row.variant,
    `${row.driver}${repeats}`,
    formatRate(row.throughput),
    latencyCell(row, row.latencyMs.p50),
    latencyCell(row, row.latencyMs.p95),
    latencyCell(row, row.latencyMs.p99),
    formatCount(row.queriesPerRequest),
    formatPercent(row.ceilingShare),
    ratioCell(row),
    verdict,
    cell([...flags, ...row.notes].join(', ')),
  ].join(' | ')} |`;
}

function calibrationTable(results: Results): string[] {
  if (results.calibration.length === 0) return ['Not measured in this run (`perflab calibrate` measures it).'];
  return [
    '| driver | connections | req/s | p50 ms | p99 ms | generator CPU |',
    '|---|--:|--:|--:|--:|--:|',
    ...results.calibration.map(
      (run) =>
        `| ${run.driver} | ${run.connections} | ${formatRate(run.throughput)} | ${formatMs(run.latencyMs.p50)} | ${formatMs(run.latencyMs.p99)} | ${run.generatorCpuCores.toFixed(2)} cores |`,
    ),
  ];
}
