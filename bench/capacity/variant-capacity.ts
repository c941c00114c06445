import type { FoundDriver } from '../drivers/driver.ts';
import type { Variant } from '../../lib/variant.ts';
import type { CapacityBudget } from './capacity-plan.ts';
import type { CapacityVariant } from './capacity-schema.ts';
import { runSweep } from './concurrency-sweep.ts';
import { instancesFor, poolFor } from './sizing.ts';
import type { LatencySlo } from './slo.ts';
import { measureClosedStep, measureOpenStep, type ScenarioCallFactory, type ServerDbTime } from './step-runner.ts';
import { runSearch, type SearchState } from './step-search.ts';
import { fitUsl } from './usl-fit.ts';

/** Fewest requests a measured step may hold: a p95 of fewer is one or two requests' latency. */
export const MIN_STEP_REQUESTS = 40;

export interface VariantCapacityInput {
  comparison: string;
  variant: Variant;
  slo: LatencySlo;
  /** First ramp rate when the sweep measured nothing to start from. */
  startRate: number;
  budget: CapacityBudget;
  /** The generator of the open-model search. */
  found: FoundDriver;
  /** The generator of the closed-model sweep (k6 only runs open models: then autocannon); it runs first. */
  sweepFound: FoundDriver | null;
  callFor: ScenarioCallFactory;
  minConnections: number;
  dbTime?: ServerDbTime;
  signal?: AbortSignal;
  say?: (line: string) => void;
}

/**
 * The closed-model sweep (USL input, and where the ramp starts), then the open-model search, for one variant. `live`
 * holds every completed step as it lands, so an interrupted run still reports them.
 */
export async function measureVariantCapacity(input: VariantCapacityInput, live: CapacityVariant): Promise<CapacityVariant> {
  const { slo, budget, say } = input;
  const sloMs = slo.p95Ms ?? slo.p99Ms ?? 100;
  const runner = { found: input.found, callFor: input.callFor, stepSec: budget.stepSec, warmupSec: budget.stepWarmupSec, minConnections: input.minConnections, sloMs, dbTime: input.dbTime, signal: input.signal };
  if (input.sweepFound) {
    const sweeper = input.sweepFound;
    await sweeper.run(input.callFor({ type: 'closed', connections: budget.concurrency[0]! }, budget.stepWarmupSec), { signal: input.signal });
    await runSweep(budget.concurrency, sloMs, (n) => measureClosedStep(sweeper, input.callFor, n, budget.sweepStepSec, input.signal), (point) => {
      live.sweep.push(point);
      say?.(`  closed N=${point.concurrency}: ${Math.round(point.throughput)} ok/s · mean ${point.latencyMs.mean.toFixed(1)} ms · N=X·R ${point.little.predicted.toFixed(1)}${point.little.holds ? '' : " (Little's law off by > 10%)"}`);
    });
  } else live.uslProblem = 'no generator for the closed-model sweep';
  // the ramp starts at a quarter of the best closed-model throughput: a few steps from the knee on any host
  const best = Math.max(0, ...live.sweep.map((p) => p.throughput));
  const startRate = best > 0 ? Math.max(1, Math.round(best / 4)) : input.startRate;
  // a step needs ≥ MIN_STEP_REQUESTS requests for its p95 to mean anything: that bounds the walk down
  const minRate = Math.ceil(MIN_STEP_REQUESTS / budget.stepSec);
  const state = await runSearch({ ...budget.search, startRate: Math.max(minRate, startRate), slo, minRate }, (rate) => measureOpenStep(runner, rate), (s) => {
    live.steps = stepsOf(s);
    const step = s.steps.at(-1)!;
    say?.(`  ${step.phase} ${step.rate} req/s: ${step.passed ? 'pass' : `fail (${step.reasons.join('; ')})`} · p95 ${step.result.latencyMs.p95.toFixed(1)} ms · ${Math.round(step.result.throughput)} ok/s`);
  });
  live.outcome = state.outcome;
  try {
    if (live.sweep.length > 0) live.usl = finiteFit(fitUsl(live.sweep));
  } catch (error) {
    live.uslProblem = (error as Error).message;
  }
  return live;
}

/** A variant entry before its first step. */
export function emptyVariant(comparison: string, variant: Variant, slo: LatencySlo): CapacityVariant {
  return { comparison, variant, slo: slo.text, steps: [], outcome: null, recommendedRate: null, sweep: [], usl: null, uslProblem: null, sizing: null };
}

/** Operating point and sizing of a measured variant (pure): nothing without a found maximum. */
export function sizeVariant(entry: CapacityVariant, headroom: number, targetRps: number | null, maxConnections: number | null): CapacityVariant {
  if (entry.outcome?.kind !== 'found') return { ...entry, recommendedRate: null, sizing: null };
  const maxRate = entry.outcome.maxRate;
  const recommendedRate = maxRate * (1 - headroom);
  if (targetRps === null) return { ...entry, recommendedRate, sizing: null };
  const plan = instancesFor(targetRps, maxRate, headroom);
  const dbMs = entry.steps.find((s) => s.passed && s.rate === maxRate)?.dbMsPerRequest ?? null;
  return { ...entry, recommendedRate, sizing: { targetRps, ...plan, pool: dbMs === null ? null : poolFor(maxRate, dbMs, plan.instances, maxConnections) } };
}

/** The search's steps as capacity.json keeps them. */
export function stepsOf(state: SearchState): CapacityVariant['steps'] {
  return state.steps.map((s) => ({
    phase: s.phase,
    rate: s.rate,
    passed: s.passed,
    breaches: s.breaches,
    reasons: s.reasons,
    offeredRate: s.result.offeredRate,
    deliveredRate: s.result.deliveredRate,
    throughput: s.result.throughput,
    failureRate: s.result.failureRate,
    latencyMs: s.result.latencyMs,
    droppedIterations: s.result.droppedIterations,
    generatorSaturated: s.result.generatorSaturated,
    dbMsPerRequest: s.result.dbMsPerRequest,
  }));
}

/** A fit with a non-finite figure is no fit: it must not reach (and fail) the report's schema at the end of a run. */
function finiteFit(fit: ReturnType<typeof fitUsl>): ReturnType<typeof fitUsl> {
  const figures = [fit.lambda, fit.sigma, fit.kappa, fit.rSquared, fit.peakConcurrency ?? 0, fit.maxThroughput ?? 0];
  if (!figures.every(Number.isFinite)) throw new Error(`the USL fit gave non-finite parameters (λ ${fit.lambda}, σ ${fit.sigma}, κ ${fit.kappa})`);
  return fit;
}
