import { median } from 'simple-statistics';
import { latencyFromEncoded, mergeHistograms } from './merge-histograms.ts';
import { percentileSpectrum } from './percentile-spectrum.ts';
import type { CalibrationRun, LatencyMs, ScenarioRun, VariantAggregate } from '../results/types.ts';

export type { VariantAggregate };

/**
 * Folds scenario runs into one aggregate per comparison, driver and variant, keeping
 * first-seen order: what results.json stores under `variants`, computed once when a run
 * is assembled so reports only format it. `calibration` gives each driver's no-op ceiling.
 */
export function aggregateVariants(scenarios: ScenarioRun[], calibration: CalibrationRun[]): VariantAggregate[] {
  const groups = new Map<string, ScenarioRun[]>();
  for (const run of scenarios) {
    const key = [run.comparison, run.driver, run.variant].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((runs) => aggregate(runs, ceilingOf(calibration, runs[0]?.driver)));
}

function aggregate(runs: ScenarioRun[], ceiling: number | null): VariantAggregate {
  const first = runs[0] as ScenarioRun;
  const histograms = runs.map((run) => run.histogram);
  const allHistograms = histograms.every((histogram) => histogram !== null);
  const merged = allHistograms ? mergeHistograms(histograms as string[]) : null;
  const throughput = median(runs.map((run) => run.throughput));
  const sum = (pick: (run: ScenarioRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    comparison: first.comparison,
    driver: first.driver,
    variant: first.variant,
    loadModel: first.loadModel,
    repeats: runs.length,
    throughput,
    latencyMs: merged ? stripCount(latencyFromEncoded(merged)) : medianLatency(runs),
    latencySource: merged ? 'merged' : 'median',
    percentiles: merged ? percentileSpectrum(merged) : null,
    queriesPerRequest: medianOf(runs.map((run) => run.server.queriesPerRequest)),
    bytesPerResponse: medianOf(runs.map((run) => run.server.bytesPerResponse)),
    cacheHitRatio: medianOf(runs.map((run) => run.server.cacheHitRatio)),
    ceilingShare: ceiling ? throughput / ceiling : null,
    requests: sum((run) => run.requests),
    errors: sum((run) => run.errors),
    non2xx: sum((run) => run.non2xx),
    emptyRuns: runs.filter((run) => run.requests === 0).length,
    saturatedRuns: runs.filter((run) => run.generator.saturated).length,
    rateMissedRuns: runs.filter((run) => run.generator.rateHeld === false).length,
    serverSaturatedRuns: runs.filter((run) => run.generator.rateHeld === false && !run.generator.saturated).length,
    decayedRuns: runs.filter((run) => run.decay.flagged).length,
    failedThresholds: sum((run) => run.thresholds.filter((threshold) => !threshold.passed).length),
  };
}

/** Best no-op throughput the driver reached in calibration, or null when it was not calibrated. */
function ceilingOf(calibration: CalibrationRun[], driver: string | undefined): number | null {
  const runs = calibration.filter((run) => run.driver === driver);
  return runs.length > 0 ? Math.max(...runs.map((run) => run.throughput)) : null;
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
