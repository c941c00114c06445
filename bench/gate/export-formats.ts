import type { Results } from '../results/types.ts';

/** One Bencher Metric Format metric: https://bencher.dev/docs/reference/bencher-metric-format */
export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

/** Bencher Metric Format: benchmark name → measure slug → metric. */
export type Bmf = Record<string, Record<string, BmfMetric>>;

/**
 * results.json as Bencher Metric Format. Benchmarks: `<comparison>/<driver>` with the two
 * optimized/naive ratios (value = geometric mean, lower/upper = its 95% interval), and
 * `<comparison>/<driver>/<variant>` with requests/s, p50/p95/p99 in ms and statements per
 * request. Custom measure slugs (Bencher's built-in `latency` is in ns, ours in ms); a figure
 * that is null (not read, too few pairs) is left out, since BMF requires a number.
 */
export function toBmf(results: Results): Bmf {
  const bmf: Bmf = {};
  for (const c of results.comparisons) {
    const measures: Record<string, BmfMetric> = {};
    for (const [slug, ratio] of [['throughput-ratio', c.throughputRatio], ['p95-ratio', c.p95Ratio]] as const) {
      if (ratio.estimate === null) continue;
      measures[slug] = ratio.ci95 ? { value: ratio.estimate, lower_value: ratio.ci95[0], upper_value: ratio.ci95[1] } : { value: ratio.estimate };
    }
    bmf[`${c.comparison}/${c.driver}`] = measures;
  }
  for (const v of results.variants) {
    const measures: Record<string, BmfMetric> = {
      'requests-per-second': { value: v.throughput },
      'p50-ms': { value: v.latencyMs.p50 },
      'p95-ms': { value: v.latencyMs.p95 },
      'p99-ms': { value: v.latencyMs.p99 },
    };
    if (v.queriesPerRequest !== null) measures['queries-per-request'] = { value: v.queriesPerRequest };
    bmf[`${v.comparison}/${v.driver}/${v.variant}`] = measures;
  }
  return bmf;
}

/** One entry of github-action-benchmark's custom JSON (tool customBiggerIsBetter / customSmallerIsBetter). */
export interface GabEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** github-action-benchmark takes one direction per file: its `tool` input says which. */
export type GabDirection = 'bigger' | 'smaller';

/**
 * results.json as github-action-benchmark custom JSON. `bigger` (tool: customBiggerIsBetter):
 * the optimized/naive ratios (range = 95% interval) and requests/s of each variant.
 * `smaller` (tool: customSmallerIsBetter): p95 in ms and statements per request of each variant.
 */
export function toGab(results: Results, direction: GabDirection): GabEntry[] {
  const fig = (value: number) => String(Number(value.toPrecision(4)));
  const extra = (c: string, d: string) => `run ${results.run.id}${results.run.gitSha ? ` at ${results.run.gitSha.slice(0, 12)}` : ''}; ${c} with ${d}`;
  if (direction === 'bigger') {
    const ratios = results.comparisons.flatMap((c) =>
      ([['throughput', c.throughputRatio], ['p95', c.p95Ratio]] as const).flatMap(([label, ratio]): GabEntry[] =>
        ratio.estimate === null ? [] : [{ name: `${c.comparison} (${c.driver}) optimized/naive ${label} ratio`, unit: 'x', value: ratio.estimate, ...(ratio.ci95 ? { range: `95% interval ${fig(ratio.ci95[0])}–${fig(ratio.ci95[1])}` } : {}), extra: `${extra(c.comparison, c.driver)}; verdict ${c.verdict}` }],
      ),
    );
    const rates = results.variants.map((v) => ({ name: `${v.comparison} (${v.driver}) ${v.variant} throughput`, unit: 'req/s', value: v.throughput, extra: `${extra(v.comparison, v.driver)}; median of ${v.repeats} runs` }));
    return [...ratios, ...rates];
  }
  return results.variants.flatMap((v) => [
    { name: `${v.comparison} (${v.driver}) ${v.variant} p95`, unit: 'ms', value: v.latencyMs.p95, extra: `${extra(v.comparison, v.driver)}; ${v.latencySource} over ${v.repeats} runs` },
    ...(v.queriesPerRequest === null ? [] : [{ name: `${v.comparison} (${v.driver}) ${v.variant} queries per request`, unit: 'statements', value: v.queriesPerRequest, extra: extra(v.comparison, v.driver) }]),
  ]);
}
