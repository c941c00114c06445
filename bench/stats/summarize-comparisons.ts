import { median } from 'simple-statistics';
import type { ComparisonSummary, VariantOutcomes } from './comparison-summary.ts';
import { decideVerdict, DEFAULT_VERDICT_POLICY, type VerdictPolicy } from './decide-verdict.ts';
import { pairedRatioInterval } from './paired-ratio-interval.ts';
import type { ScenarioRun, Variant } from '../results/types.ts';

/**
 * One summary per (comparison, driver) found in `scenarios`, in first-seen order.
 * Repeat k of naive is paired with repeat k of optimized (they ran back to back, so drift
 * cancels within a pair). Throughput ratio is optimized/naive, p95 ratio naive/optimized:
 * > 1 always means the optimized side is better. Both are geometric means over pairs with a
 * t interval on the log scale (`pairedRatioInterval`).
 *
 * The verdict (`decideVerdict`) reads the figure the load model leaves free: throughput
 * under a closed model (connections), p95 under an open model, where both sides are offered
 * the same rate and throughput only tells whether they kept up. A run that completed no
 * request has no p95 (its pair is left out of the p95 ratio) but is a throughput of 0: its
 * pair cannot be put on a log scale, so it is counted as empty and forbids a verdict in that
 * side's favour.
 */
export function summarizeComparisons(scenarios: ScenarioRun[], policy: VerdictPolicy = DEFAULT_VERDICT_POLICY): ComparisonSummary[] {
  const groups = new Map<string, ScenarioRun[]>();
  for (const run of scenarios) {
    const key = `${run.comparison}\u0000${run.driver}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((runs) => summarize(runs, policy));
}

function summarize(runs: ScenarioRun[], policy: VerdictPolicy): ComparisonSummary {
  const first = runs[0] as ScenarioRun;
  const naive = byRepeat(runs, 'naive');
  const optimized = byRepeat(runs, 'optimized');
  const pairs = naive.slice(0, optimized.length).map((run, index) => [run, optimized[index] as ScenarioRun] as const);
  const throughputRatio = pairedRatioInterval(
    pairs.map(([naiveRun]) => naiveRun.throughput),
    pairs.map(([, optimizedRun]) => optimizedRun.throughput),
  );
  const timed = pairs.filter(([a, b]) => a.requests > 0 && b.requests > 0);
  const p95Ratio = pairedRatioInterval(
    timed.map(([, optimizedRun]) => optimizedRun.latencyMs.p95),
    timed.map(([naiveRun]) => naiveRun.latencyMs.p95),
  );
  const outcomes = { naive: outcomesOf(naive), optimized: outcomesOf(optimized) };
  const emptyPairs = { naive: pairs.filter(([a]) => a.requests === 0).length, optimized: pairs.filter(([, b]) => b.requests === 0).length };
  const ratio = first.loadModel.type === 'open' ? p95Ratio : throughputRatio;
  const { verdict, reason } = decideVerdict({ ratio, emptyPairs, outcomes }, policy);
  return {
    comparison: first.comparison,
    driver: first.driver,
    throughputRatio,
    p95Ratio,
    queriesPerRequest: { naive: medianOrNull(naive), optimized: medianOrNull(optimized) },
    outcomes,
    verdict,
    verdictReason: reason,
  };
}

function byRepeat(runs: ScenarioRun[], variant: Variant): ScenarioRun[] {
  return runs.filter((run) => run.variant === variant).sort((a, b) => a.repeat - b.repeat);
}

/** Successes (2xx) and failures (non-2xx answers and transport errors) over a variant's runs. */
function outcomesOf(runs: ScenarioRun[]): VariantOutcomes {
  let successes = 0;
  let failures = 0;
  for (const run of runs) {
    successes += run.succeeded;
    failures += run.failed;
  }
  return { successes, failures };
}

/** Queries per request are deterministic per run; the median only guards against a stray repeat. */
function medianOrNull(runs: ScenarioRun[]): number | null {
  const values = runs.map((run) => run.server.queriesPerRequest).filter((value) => value !== null);
  return values.length > 0 ? median(values) : null;
}
