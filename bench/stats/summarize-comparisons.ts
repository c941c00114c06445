import { median } from 'simple-statistics';
import { bootstrapMedianRatio, type BootstrapOptions } from './bootstrap-median-ratio.ts';
import type { ComparisonSummary, RatioEstimate, ScenarioRun, Variant } from '../results/types.ts';

/**
 * One summary per (comparison, driver) found in `scenarios`, in first-seen order.
 * Repeat k of naive is paired with repeat k of optimized (they ran back to back, so drift
 * cancels within a pair). Throughput ratio is optimized/naive, p95 ratio naive/optimized:
 * > 1 always means the optimized side is better. A pair where either run completed no
 * request counts for throughput (a zero is a measurement) but not for p95 (no latency).
 *
 * The verdict reads the interval of the figure the load model leaves free: throughput
 * under a closed model (connections), p95 under an open model, where both sides are
 * offered the same rate and throughput only tells whether they kept up. 'faster' when that
 * interval lies wholly above 1, 'slower' wholly below, otherwise (or with too few repeats
 * for an interval) 'inconclusive'.
 */
export function summarizeComparisons(scenarios: ScenarioRun[], options: BootstrapOptions = {}): ComparisonSummary[] {
  const groups = new Map<string, ScenarioRun[]>();
  for (const run of scenarios) {
    const key = `${run.comparison}\u0000${run.driver}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((runs) => summarize(runs, options));
}

function summarize(runs: ScenarioRun[], options: BootstrapOptions): ComparisonSummary {
  const first = runs[0] as ScenarioRun;
  const naive = byRepeat(runs, 'naive');
  const optimized = byRepeat(runs, 'optimized');
  const pairs = Math.min(naive.length, optimized.length);
  const naivePaired = naive.slice(0, pairs);
  const optimizedPaired = optimized.slice(0, pairs);
  const throughputRatio = bootstrapMedianRatio(
    naivePaired.map((run) => run.throughput),
    optimizedPaired.map((run) => run.throughput),
    options,
  );
  // A run that completed no request has no latency at all (its p95 reads 0): leave its pair out.
  const timed = naivePaired.map((run, index) => [run, optimizedPaired[index] as ScenarioRun] as const).filter(([a, b]) => a.requests > 0 && b.requests > 0);
  const p95Ratio = bootstrapMedianRatio(
    timed.map(([, optimizedRun]) => optimizedRun.latencyMs.p95),
    timed.map(([naiveRun]) => naiveRun.latencyMs.p95),
    options,
  );
  const openModel = first.loadModel.type === 'open';
  return {
    comparison: first.comparison,
    driver: first.driver,
    throughputRatio,
    p95Ratio,
    queriesPerRequest: { naive: medianOrNull(naive), optimized: medianOrNull(optimized) },
    verdict: verdictOf(openModel ? p95Ratio : throughputRatio),
  };
}

function byRepeat(runs: ScenarioRun[], variant: Variant): ScenarioRun[] {
  return runs.filter((run) => run.variant === variant).sort((a, b) => a.repeat - b.repeat);
}

/** Queries per request are deterministic per run; the median only guards against a stray repeat. */
function medianOrNull(runs: ScenarioRun[]): number | null {
  const values = runs.map((run) => run.server.queriesPerRequest).filter((value) => value !== null);
  return values.length > 0 ? median(values) : null;
}

/** 'faster' / 'slower' only when the whole 95% interval sits on one side of 1. */
export function verdictOf(ratio: RatioEstimate): ComparisonSummary['verdict'] {
  if (!ratio.ci95) return 'inconclusive';
  if (ratio.ci95[0] > 1) return 'faster';
  if (ratio.ci95[1] < 1) return 'slower';
  return 'inconclusive';
}
