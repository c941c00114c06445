import { AA_LABEL, AA_NOTICE, isAaRun } from './aa-mode.ts';
import { comparisonRows, headlineOf, headlineText, type ComparisonRow } from './comparison-rows.ts';
import { environmentFacts } from './environment-facts.ts';
import { FLOOR_NOTE, floorFacts } from './floor-facts.ts';
import { escapeMarkdownCell as cell } from './escape-text.ts';
import { formatCount, formatMs, formatRate } from './format-figures.ts';
import { overallLine } from './overall-line.ts';
import { READING_GUIDE } from './reading-guide.ts';
import { microMethodText, microPairTable, microTaskTable, type TextTable } from './micro-tables.ts';
import { latencyCell, rowFlags } from './report-rows.ts';
import { sloOutcome, sloFailureText } from './slo-outcome.ts';
import { verdictLabel } from './verdict-words.ts';
import type { Results, VariantAggregate } from '../results/types.ts';


/** GitHub refuses a PR comment (and truncates a step summary) longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * results.md, fit for a PR comment or `$GITHUB_STEP_SUMMARY`: the overall pass/fail line
 * first, the failed SLOs, one row per comparison and driver (naive → optimized; p50, p99,
 * p99.9 and the ceiling share are in report.html), then the environment, notices,
 * calibration and, folded, how to read the figures.
 */
export function renderMarkdown(results: Results): string {
  const slo = sloOutcome(results);
  const lines = [`# ${overallLine(results, slo)}`, ''];
  if (slo.failures.length > 0) lines.push(...slo.failures.map((failure) => `- ❌ ${cell(sloFailureText(failure))}`), '');
  if (isAaRun(results)) lines.push(`> **${AA_LABEL}** — ${AA_NOTICE}`, '');
  if (!results.run.complete) lines.push('> **PARTIAL RUN**: interrupted or failed; only the scenarios that completed are shown.', '');
  const microOnly = results.micro !== undefined && results.scenarios.length === 0;
  if (!microOnly) lines.push('## Results', '', ...resultsTable(comparisonRows(results)), '');
  const floors = floorFacts(results);
  if (floors.length > 0) lines.push('## Share of the floor (optimized path without HTTP)', '', `_${FLOOR_NOTE}_`, '', ...floors.map((fact) => `- **${fact.label}**: ${cell(fact.value)}`), '');
  if (results.micro) lines.push(...microSection(results.micro));
  lines.push('## Environment', '', ...environmentFacts(results).map((fact) => `- **${fact.label}**: ${cell(fact.value)}`), '');
  if (results.notices.length > 0) lines.push('## Notices', '', ...results.notices.map((notice) => `- ${cell(notice)}`), '');
  if (!microOnly) lines.push('## Calibration: HTTP ceiling of this host (no-op route)', '', ...calibrationTable(results), '');
  lines.push('<details><summary>How to read these figures</summary>', '', ...READING_GUIDE.map((item) => `- ${item}`), '', '</details>', '');
  return lines.join('\n');
}

function microSection(micro: NonNullable<Results['micro']>): string[] {
  const pairs = micro.pairs.length > 0 ? [...markdownTable(microPairTable(micro)), ''] : [];
  return ['## Micro-benchmarks', '', microMethodText(micro), '', ...pairs, ...markdownTable(microTaskTable(micro)), ''];
}

function markdownTable(table: TextTable): string[] {
  return [`| ${table.head.join(' | ')} |`, `|${table.head.map(() => '---').join('|')}|`, ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

function resultsTable(rows: ComparisonRow[]): string[] {
  if (rows.length === 0) return ['No scenario completed.'];
  return [
    '| comparison | driver | req/s naive → opt | p95 ms naive → opt | queries/req | ratio [95% CI] | verdict | flags |',
    '|---|---|--:|--:|--:|---|---|---|',
    ...rows.map((row) =>
      [
        cell(row.comparison),
        `${row.driver} ${row.loadModel.type}`,
        pair(row, (side) => formatRate(side.throughput)),
        pair(row, (side) => latencyCell(side, side.latencyMs.p95)),
        pair(row, (side) => formatCount(side.queriesPerRequest)),
        cell(headlineText(headlineOf(row))),
        row.summary ? cell(verdictLabel(row.summary.verdict)) : '',
        cell(flagsOf(row)),
      ].join(' | '),
    ).map((text) => `| ${text} |`),
  ];
}

function pair(row: ComparisonRow, format: (side: VariantAggregate) => string): string {
  return `${row.naive ? format(row.naive) : '—'} → ${row.optimized ? format(row.optimized) : '—'}`;
}

/** "naive: ⚠ 3 errors; optimized: ⚠ 1 threshold failed". */
function flagsOf(row: ComparisonRow): string {
  return (['naive', 'optimized'] as const)
    .map((variant) => [variant, row[variant] ? rowFlags(row[variant]) : []] as const)
    .filter(([, flags]) => flags.length > 0)
    .map(([variant, flags]) => `${variant}: ${flags.map((flag) => `⚠ ${flag}`).join(', ')}`)
    .join('; ');
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
