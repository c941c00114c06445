import { formatMs, formatPercent, formatRate, formatRatio } from './format-figures.ts';
import type { ComparisonSummary, RatioEstimate, Results, ScenarioRun, VariantAggregate } from '../results/types.ts';

/** One line of a report: a variant's stored aggregate, beside its comparison's stored summary. */
export interface ReportRow extends VariantAggregate {
  summary: ComparisonSummary | null;
  /** What every run of the row measured beyond the columns: cache hit rates, bulk-import's rows. */
  notes: string[];
}

/** Rows in run order (comparison, then driver, then variant as run), straight from `results.variants`. */
export function reportRows(results: Results): ReportRow[] {
  return results.variants.map((row) => ({
    ...row,
    summary: results.comparisons.find((summary) => summary.comparison === row.comparison && summary.driver === row.driver) ?? null,
    notes: runNotes(results.scenarios.filter((run) => run.comparison === row.comparison && run.driver === row.driver && run.variant === row.variant)),
  }));
}

/** Per-run figures stored on each run, in run order: the cache hit rate of every run, bulk-import's rows/s basis. */
function runNotes(runs: ScenarioRun[]): string[] {
  const notes: string[] = [];
  const hits = runs.map((run) => run.server.cacheHitRatio);
  if (hits.some((ratio) => ratio !== null)) notes.push(`cache hits ${hits.map((ratio) => formatPercent(ratio)).join(', ')}`);
  const imports = runs.flatMap((run) => (run.imports ? [run.imports] : []));
  if (imports.length > 0) {
    const deferred = imports.map((i) => i.deferredQueriesPerRequest ?? 0);
    notes.push(
      `req/s column = rows imported/s (req/s ${imports.map((i) => formatRate(i.requestsPerSec)).join(', ')})`,
      `queue drained in ≤ ${Math.max(...imports.map((i) => i.drainSec)).toFixed(2)} s`,
      `${Math.max(...deferred).toFixed(1)} deferred queries/req`,
    );
  }
  return notes;
}

/** The ratio the verdict is read from: throughput under a closed model, p95 under an open one, as the stored verdict reads it. */
export function headlineRatio(row: ReportRow): { metric: 'req/s' | 'rows/s' | 'p95'; estimate: RatioEstimate } | null {
  if (!row.summary) return null;
  if (row.loadModel.type === 'open') return { metric: 'p95', estimate: row.summary.p95Ratio };
  // bulk-import's throughput is rows durably imported per second (execute-run)
  return { metric: row.comparison === 'bulk-import' ? 'rows/s' : 'req/s', estimate: row.summary.throughputRatio };
}

/** The ratio cell of an optimized row, e.g. "3.41× req/s [3.20×–3.62×]"; empty on naive rows, a dash without a usable pair. */
export function ratioCell(row: ReportRow): string {
  const headline = row.variant === 'optimized' ? headlineRatio(row) : null;
  if (!headline) return '';
  const { estimate, ci95 } = headline.estimate;
  if (estimate === null) return '—';
  return `${formatRatio(estimate)} ${headline.metric}${ci95 ? ` [${formatRatio(ci95[0])}–${formatRatio(ci95[1])}]` : ''}`;
}

/** A latency cell: a dash when the row completed no request, since its histogram is empty rather than fast. */
export function latencyCell(row: ReportRow, ms: number): string {
  return row.requests === 0 ? '—' : formatMs(ms);
}

/** Short warnings for a row: the generator was the limit, throughput decayed, requests failed, thresholds failed. */
export function rowFlags(row: ReportRow): string[] {
  const flags: string[] = [];
  const of = (count: number) => (row.repeats > 1 ? ` ${count}/${row.repeats}` : '');
  if (row.emptyRuns > 0) flags.push(`no request completed${of(row.emptyRuns)}`);
  if (row.saturatedRuns > 0) flags.push(`generator saturated${of(row.saturatedRuns)}`);
  if (row.rateMissedRuns > 0) flags.push(`offered rate not held${of(row.rateMissedRuns)}`);
  if (row.decayedRuns > 0) flags.push(`decay${of(row.decayedRuns)}`);
  if (row.errors > 0) flags.push(`${row.errors.toLocaleString('en-US')} errors`);
  if (row.non2xx > 0) flags.push(`${row.non2xx.toLocaleString('en-US')} non-2xx`);
  if (row.failedThresholds > 0) flags.push(`${row.failedThresholds} ${row.failedThresholds === 1 ? 'threshold' : 'thresholds'} failed`);
  return flags;
}
