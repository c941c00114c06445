import type { Results, VariantAggregate } from '../results/types.ts';
import { describeGrowth, fitGrowth, type GrowthFit } from './fit-growth.ts';
import { formatSize } from './parse-sizes.ts';
import { SCALE_SCHEMA_VERSION, type ScalePoint, type ScaleReport, type VariantGrowth } from './scale-schema.ts';

/** One size measured to the end: its rows, its run folder (relative to the scale folder) and its results. */
export interface MeasuredSize {
  rows: number;
  runDir: string;
  results: Results;
}

export interface ScaleRunInfo {
  id: string;
  startedAt: Date;
  command: string;
  sizes: number[];
  comparisons: string[];
  quick: boolean;
  durationSec: number;
  repeat: number;
}

const EXPONENT_NOTICE =
  'The exponent is the slope of log(latency) on log(rows) over the sizes measured: 0 is flat, 1 grows as the rows do. A fixed cost (HTTP, JSON) pulls it below the true one while the data-dependent part is small; "+N ms per 100k rows" is the linear slope beside it.';

/**
 * Pure: every size's stored per-variant aggregates → one growth entry per comparison × variant ×
 * driver (points ascending by rows, p50 and p95 fitted), a sentence per comparison, scale.json's shape.
 */
export function assembleScaleReport(info: ScaleRunInfo, measured: readonly MeasuredSize[], complete: boolean, notices: readonly string[] = []): ScaleReport {
  const sizes = [...measured].sort((a, b) => a.rows - b.rows);
  const groups = new Map<string, { aggregate: VariantAggregate; rows: number }[]>();
  for (const size of sizes) {
    for (const aggregate of size.results.variants) {
      const key = [aggregate.comparison, aggregate.variant, aggregate.driver].join('\u0000');
      groups.set(key, [...(groups.get(key) ?? []), { aggregate, rows: size.rows }]);
    }
  }
  const variants = [...groups.values()].map(variantGrowth);
  return {
    schemaVersion: SCALE_SCHEMA_VERSION,
    run: { id: info.id, startedAt: info.startedAt.toISOString(), finishedAt: new Date().toISOString(), complete, command: info.command, sizes: info.sizes, comparisons: info.comparisons, quick: info.quick, durationSec: info.durationSec, repeat: info.repeat },
    sizes: sizes.map((s) => ({ rows: s.rows, label: formatSize(s.rows), runDir: s.runDir, dataset: s.results.dataset.rows })),
    variants,
    comparisons: info.comparisons.filter((id) => variants.some((v) => v.comparison === id)).map((comparison) => ({ comparison, sentence: comparisonSentence(comparison, variants) })),
    notices: [...notices, ...(sizes.length < 2 ? ['Fewer than two sizes were measured: there is no growth to fit.'] : []), EXPONENT_NOTICE],
  };
}

function variantGrowth(measured: { aggregate: VariantAggregate; rows: number }[]): VariantGrowth {
  const first = measured[0]!.aggregate;
  const points: ScalePoint[] = measured.map(({ aggregate: a, rows }) => ({
    rows,
    p50Ms: a.latencyMs.p50,
    p95Ms: a.latencyMs.p95,
    throughput: a.throughput,
    requests: a.requests,
    failed: a.errors + a.non2xx,
    queriesPerRequest: a.queriesPerRequest,
    bytesPerResponse: a.bytesPerResponse,
  }));
  // a size where nothing succeeded has no latency (its 0 ms is an absence, not a fast answer)
  const answered = points.filter((p) => p.requests > p.failed);
  const fit = (pick: (p: ScalePoint) => number): GrowthFit | null => (answered.length < 2 ? null : fitGrowth(answered.map((p) => ({ rows: p.rows, ms: pick(p) }))));
  const p50 = fit((p) => p.p50Ms);
  const p95 = fit((p) => p.p95Ms);
  const unanswered = points.length - answered.length;
  const left = unanswered === 0 ? '' : ` (${unanswered} size${unanswered === 1 ? '' : 's'} with no successful request left out)`;
  const sentence = p50 && p95 ? `p50 ${describeGrowth(p50)}; p95 ${describeGrowth(p95)}${left}` : `fewer than two sizes with answered requests${left}: no growth to fit`;
  return { comparison: first.comparison, variant: first.variant, driver: first.driver, points, p50, p95, sentence };
}

/** `naive: +12 ms per 100k rows (exponent 0.98, linear); optimized: flat (+0.010 ms per 100k rows, exponent 0.03)`, on p50. */
function comparisonSentence(comparison: string, variants: readonly VariantGrowth[]): string {
  const parts = variants
    .filter((v) => v.comparison === comparison)
    .map((v) => {
      const driver = variants.some((o) => o.comparison === comparison && o.driver !== v.driver) ? ` (${v.driver})` : '';
      return `${v.variant}${driver}: ${v.p50 ? describeGrowth(v.p50) : 'no growth to fit (fewer than two sizes answered)'}`;
    });
  return `p50 — ${parts.join('; ')}`;
}
