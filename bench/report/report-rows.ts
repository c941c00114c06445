import { comparisonRows, headlineOf, headlineText, type Headline } from './comparison-rows.ts';
import { formatMs, formatPercent, formatRate } from './format-figures.ts';
import type { ComparisonSummary, Results, ScenarioRun, VariantAggregate } from '../results/types.ts';

/** One line of the per-variant table: a variant's stored aggregate, beside its comparison's headline. */
export interface ReportRow extends VariantAggregate {
  summary: ComparisonSummary | null;
  headline: Headline | null;
  /** What every run of the row measured beyond the columns: cache hit rates, bulk-import's rows. */
  notes: string[];
}

/** Rows in run order (comparison, then driver, then variant as run), straight from `results.variants`. */
export function reportRows(results: Results): ReportRow[] {
  const pairs = comparisonRows(results);
  return results.variants.map((row) => {
    const pair = pairs.find((candidate) => candidate.comparison === row.comparison && candidate.driver === row.driver);
    const runs = results.scenarios.filter((run) => run.comparison === row.comparison && run.driver === row.driver && run.variant === row.variant);
    return { ...row, summary: pair?.summary ?? null, headline: pair ? headlineOf(pair) : null, notes: runNotes(runs) };
  });
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

/** The ratio cell of an optimized row, e.g. "3.41× req/s [3.20×–3.62×]"; empty on naive rows, a dash without a usable pair. */
export function ratioCell(row: ReportRow): string {
  return row.variant === 'optimized' ? headlineText(row.headline) : '';
}

/** A latency cell: a dash when the row completed no request, since its histogram is empty rather than fast. */
export function latencyCell(row: VariantAggregate, ms: number): string {
  return row.requests === 0 ? '—' : formatMs(ms);
}

/** Short warnings for a variant: the generator or the server was the limit, throughput decayed, requests failed, thresholds failed. */
export function rowFlags(row: VariantAggregate): string[] {
  const flags: string[] = [];
  const of = (count: number) => (row.repeats > 1 ? ` ${count}/${row.repeats}` : '');
  if (row.emptyRuns > 0) flags.push(`no request completed${of(row.emptyRuns)}`);
  if (row.saturatedRuns > 0) flags.push(`generator saturated${of(row.saturatedRuns)}`);
  if (row.serverSaturatedRuns > 0) flags.push(`server saturated${of(row.serverSaturatedRuns)}`);
  if (row.decayedRuns > 0) flags.push(`decay${of(row.decayedRuns)}`);
  if (row.errors > 0) flags.push(`${row.errors.toLocaleString('en-US')} errors`);
  if (row.non2xx > 0) flags.push(`${row.non2xx.toLocaleString('en-US')} non-2xx`);
  if (row.failedThresholds > 0) flags.push(`${row.failedThresholds} ${row.failedThresholds === 1 ? 'threshold' : 'thresholds'} failed`);
  return flags;
}
