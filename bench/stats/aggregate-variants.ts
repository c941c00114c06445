import { median } from 'simple-statistics';
import { latencyFromEncoded, mergeHistograms } from './merge-histograms.ts';
import type { DriverName, LatencyMs, LoadModel, ScenarioRun, Variant } from '../results/types.ts';

/** All repeats of one (comparison, driver, variant), folded into the figures a report shows. */
export interface VariantAggregate {
  comparison: string;
  driver: DriverName;
  variant: Variant;
  loadModel: LoadModel;
  repeats: number;
  /** Median requests/s over repeats. */
  throughput: number;
  latencyMs: LatencyMs;
  /** 'merged': percentiles of all repeats' HDR histograms added together; 'median': per-percentile median (some run had no histogram). */
  latencySource: 'merged' | 'median';
  queriesPerRequest: number | null;
  bytesPerResponse: number | null;
  cacheHitRatio: number | null;
  requests: number;
  errors: number;
  non2xx: number;
  /** Runs that completed no request at all (every request timed out or the run was too short). */
  emptyRuns: number;
  saturatedRuns: number;
  /** Open-model runs that did not deliver the offered rate. */
  rateMissedRuns: number;
  decayedRuns: number;
  failedThresholds: number;
}

/** Groups scenario runs by comparison, driver and variant, keeping first-seen order. */
export function aggregateVariants(scenarios: ScenarioRun[]): VariantAggregate[] {
  const groups = new Map<string, ScenarioRun[]>();
  for (const run of scenarios) {
    const key = [run.comparison, run.driver, run.variant].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map(aggregate);
}

function aggregate(runs: ScenarioRun[]): VariantAggregate {
  const first = runs[0] as ScenarioRun;
  const histograms = runs.map((run) => run.histogram);
  const allHistograms = histograms.every((histogram) => histogram !== null);
  const merged = allHistograms ? mergeHistograms(histograms as string[]) : null;
  const sum = (pick: (run: ScenarioRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    comparison: first.comparison,
    driver: first.driver,
    variant: first.variant,
    loadModel: first.loadModel,
    repeats: runs.length,
    throughput: median(runs.map((run) => run.throughput)),
    latencyMs: merged ? stripCount(latencyFromEncoded(merged)) : medianLatency(runs),
    latencySource: merged ? 'merged' : 'median',
    queriesPerRequest: medianOf(runs.map((run) => run.server.queriesPerRequest)),
    bytesPerResponse: medianOf(runs.map((run) => run.server.bytesPerResponse)),
    cacheHitRatio: medianOf(runs.map((run) => run.server.cacheHitRatio)),
    requests: sum((run) => run.requests),
    errors: sum((run) => run.errors),
    non2xx: sum((run) => run.non2xx),
    emptyRuns: runs.filter((run) => run.requests === 0).length,
    saturatedRuns: runs.filter((run) => run.generator.saturated).length,
    rateMissedRuns: runs.filter((run) => run.generator.rateHeld === false).length,
    decayedRuns: runs.filter((run) => run.decay.flagged).length,
    failedThresholds: sum((run) => run.thresholds.filter((threshold) => !threshold.passed).length),
  };
}

function stripCount({ count: _count, ...latency }: LatencyMs & { count: number }): LatencyMs {
  return latency;
}

function medianLatency(runs: ScenarioRun[]): LatencyMs {
  const at = (key: keyof LatencyMs) => median(runs.map((run) => run.latencyMs[key]));
  return { p50: at('p50'), p90: at('p90'), p95: at('p95'), p99: at('p99'), p999: at('p999'), max: Math.max(...runs.map((run) => run.latencyMs.max)), mean: at('mean') };
}

function medianOf(values: (number | null)[]): number | null {
  const present = values.filter((value) => value !== null);
  return present.length > 0 ? median(present) : null;
}
