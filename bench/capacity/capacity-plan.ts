import type { SearchPlan } from './step-search.ts';

/** Durations and step counts of one capacity run; `--quick` trades resolution for time. */
export interface CapacityBudget {
  /** Measured seconds of each open-model step. */
  stepSec: number;
  /** Seconds of load before each step's measured window, discarded. */
  stepWarmupSec: number;
  /** Measured seconds of each closed-model concurrency step. */
  sweepStepSec: number;
  /** Concurrency levels of the closed-model sweep (stops early when throughput falls). */
  concurrency: number[];
  search: Omit<SearchPlan, 'startRate' | 'slo'>;
}

/** ≤ 6 ramp steps + 3 bisections + 2 confirmations of 4 + 1 s, and a 1..64 sweep of 2 s. */
export const DEFAULT_BUDGET: CapacityBudget = {
  stepSec: 4,
  stepWarmupSec: 1,
  sweepStepSec: 2,
  concurrency: [1, 2, 4, 8, 16, 32, 64],
  search: { growth: 2, maxRampSteps: 6, bisections: 3, confirmations: 2 },
};

/** `--quick`: ≤ 3 ramp steps (start, ×2, ×4 — or down ÷4, ÷16) + 2 bisections + 1 confirmation of 2 + 1 s, and a 1..16 sweep of 1 s. */
export const QUICK_BUDGET: CapacityBudget = {
  stepSec: 2,
  stepWarmupSec: 1,
  sweepStepSec: 1,
  concurrency: [1, 2, 4, 8, 16],
  search: { growth: 2, maxRampSteps: 3, bisections: 2, confirmations: 1 },
};

/**
 * Cost of one generator window beyond its duration on an idle 2-core host: forking the generator
 * process (node + tsx: 0.6 s of CPU measured) and draining in-flight requests at its end.
 */
export const WINDOW_OVERHEAD_SEC = 0.8;

/** Generator windows and load seconds of one variant when every step of the plan runs (a failed confirmation adds steps). */
export function variantWorstCase(budget: CapacityBudget): { windows: number; loadSec: number } {
  const steps = budget.search.maxRampSteps + budget.search.bisections + budget.search.confirmations;
  // the sweep: one discarded warm-up window, then one window per level; each step: warm-up + measured window
  const windows = 1 + budget.concurrency.length + 2 * steps;
  const loadSec = budget.stepWarmupSec + budget.concurrency.length * budget.sweepStepSec + steps * (budget.stepWarmupSec + budget.stepSec);
  return { windows, loadSec };
}

/** Upper bound of the wall time of `variants` variants, start-up of the stack (`stackSec`) included. */
export function plannedSeconds(budget: CapacityBudget, variants: number, stackSec: number, overheadSec = WINDOW_OVERHEAD_SEC): number {
  const { windows, loadSec } = variantWorstCase(budget);
  return stackSec + variants * (loadSec + windows * overheadSec);
}
