import { createColors } from 'picocolors';
import { wrapText } from '../../lib/wrap-text.ts';
import { AA_LABEL, AA_NOTICE, isAaRun, isFalsePositive } from './aa-mode.ts';
import { formatCount } from './format-figures.ts';
import { pathLines } from './path-lines.ts';
import { ratioCell, reportRows, rowFlags, type ReportRow } from './report-rows.ts';
import type { ComparisonSummary, Results } from '../results/types.ts';

/** The summary fits a normal terminal; the full table stays in results.md. */
export const TERMINAL_WIDTH = 100;
const ID_COLUMN_MAX = 30;
const RATIO_COLUMN = 26;
const VERDICT_COLUMN = 19;
const DETAIL_INDENT = '      ';

export interface TerminalSummaryOptions {
  /** ANSI colours (a TTY without NO_COLOR); off, the text is the same without escapes. */
  color: boolean;
  /** Paths of the files written, listed last. */
  files?: readonly string[];
  /** The working directory: a path under it is shown relative when shorter. Default: shown as given. */
  cwd?: string | null;
}

/**
 * What `perflab run` prints when it ends: per driver, one aligned line per comparison
 * (headline ratio with its 95% interval, verdict, queries per request naive → optimized),
 * then its flags and the verdict's reason, the SLO outcome and the report paths. Every line
 * fits 100 columns: a comparison id too long for its column gets a line of its own.
 */
export function renderTerminalSummary(results: Results, { color, files = [], cwd = null }: TerminalSummaryOptions): string {
  const c = createColors(color);
  const rows = reportRows(results);
  const idWidth = Math.min(ID_COLUMN_MAX, Math.max('comparison'.length, ...results.comparisons.map((s) => s.comparison.length)));
  const { options } = results.run;
  const status = results.run.complete ? 'complete' : c.yellow('PARTIAL');
  const lines = [
    ...wrapText(`perflab run ${results.run.id} · ${status} · ${options.durationSec} s × ${options.repeat} repeats${options.quick ? ' (--quick: no verdicts)' : ''}${isAaRun(results) ? ` · ${AA_LABEL}` : ''}`, TERMINAL_WIDTH),
    ...(isAaRun(results) ? wrapText(AA_NOTICE, TERMINAL_WIDTH).map((line) => c.yellow(line)) : []),
    '',
  ];
  if (results.comparisons.length === 0) lines.push('No scenario completed.');
  for (const driver of unique(results.comparisons.map((s) => s.driver))) {
    lines.push(c.bold(driver), c.dim(`  ${'comparison'.padEnd(idWidth)}  ${'ratio [95% CI] >1 better'.padEnd(RATIO_COLUMN)}  ${'verdict'.padEnd(VERDICT_COLUMN)}  queries/req`));
    for (const summary of results.comparisons.filter((s) => s.driver === driver)) {
      lines.push(...comparisonLines(summary, rows, idWidth, c));
      if (isFalsePositive(results, summary)) lines.push(c.red(`${DETAIL_INDENT}A/A false positive: both sides ran the optimized path, yet the verdict is '${summary.verdict}'`));
    }
    lines.push('');
  }
  lines.push(...sloLines(results, c));
  if (results.notices.length > 0) lines.push(...wrapText(`${results.notices.length} ${results.notices.length === 1 ? 'notice' : 'notices'} in results.md.`, TERMINAL_WIDTH));
  if (files.length > 0) lines.push('', 'reports:', ...pathLines(files, cwd, TERMINAL_WIDTH));
  return `${lines.join('\n')}\n`;
}

type Colors = ReturnType<typeof createColors>;

function comparisonLines(summary: ComparisonSummary, rows: ReportRow[], idWidth: number, c: Colors): string[] {
  const side = (variant: 'naive' | 'optimized') => rows.find((r) => r.comparison === summary.comparison && r.driver === summary.driver && r.variant === variant);
  const naive = side('naive');
  const optimized = side('optimized');
  const ratio = optimized ? ratioCell(optimized) : '—';
  const queries = `${formatCount(summary.queriesPerRequest.naive)} → ${formatCount(summary.queriesPerRequest.optimized)}`;
  const lines: string[] = [];
  const tooLong = summary.comparison.length > idWidth;
  if (tooLong) lines.push(...wrapText(summary.comparison, 100, '  ', '  '));
  const id = tooLong ? ''.padEnd(idWidth) : summary.comparison.padEnd(idWidth);
  // a ratio wider than its column (a capacity bound with its interval) goes on a line of its own
  const fits = ratio.length <= RATIO_COLUMN;
  lines.push(`  ${c.bold(id)}  ${(fits ? ratio : '↓').padEnd(RATIO_COLUMN)}  ${paint(summary.verdict, c)}  ${queries}`.trimEnd());
  if (!fits) lines.push(...wrapText(ratio, 100, DETAIL_INDENT));
  const flags = [naive, optimized].flatMap((row) => (row && rowFlags(row).length > 0 ? [`${row.variant}: ${rowFlags(row).join(', ')}`] : []));
  if (flags.length > 0) lines.push(...wrapText(`⚠ ${flags.join(' · ')}`, 100, DETAIL_INDENT).map((l) => c.yellow(l)));
  lines.push(...wrapText(summary.verdictReason, 100, DETAIL_INDENT).map((l) => c.dim(l)));
  return lines;
}

function paint(verdict: ComparisonSummary['verdict'], c: Colors): string {
  const text = verdict.padEnd(VERDICT_COLUMN);
  if (verdict === 'faster') return c.green(text);
  if (verdict === 'slower' || verdict === 'failed') return c.red(text);
  if (verdict === 'no-difference-shown') return c.yellow(text);
  return c.dim(text);
}

/** Every failed threshold stored, as the exit code reads them (a run gives the naive side none). */
function sloLines(results: Results, c: Colors): string[] {
  const missed = new Map<string, string>();
  for (const run of results.scenarios) {
    for (const t of run.thresholds.filter((t) => !t.passed)) {
      missed.set(`${run.comparison} (${run.driver}): ${t.metric} ${t.condition}`, t.actual === null ? '' : ` (measured ${formatCount(t.actual)})`);
    }
  }
  if (missed.size === 0) return [c.green('SLOs: every threshold met.')];
  return [c.red(`SLOs: ${missed.size} missed:`), ...[...missed].flatMap(([what, measured]) => wrapText(`${what}${measured}`, TERMINAL_WIDTH, '    ', '  - '))];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
