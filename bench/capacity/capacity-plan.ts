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

/** ≤ 8 ramp steps + 4 bisections + 2 confirmations of 4 + 1 s, and a 1..64 sweep of 3 s: about 2.5 min per variant at worst. */
export const DEFAULT_BUDGET: CapacityBudget = {
  stepSec: 4,
  stepWarmupSec: 1,
  sweepStepSec: 3,
  concurrency: [1, 2, 4, 8, 16, 32, 64],
  search: { growth: 2, maxRampSteps: 8, bisections: 4, confirmations: 2 },
};

/** `--quick`: ≤ 7 + 3 + 1 steps of 2 + 1 s and a 1..32 sweep of 2 s: about 45 s per variant. */
export const QUICK_BUDGET: CapacityBudget = {
  stepSec: 2,
  stepWarmupSec: 1,
  sweepStepSec: 2,
  concurrency: [1, 2, 4, 8, 16, 32],
  search: { growth: 2, maxRampSteps: 7, bisections: 3, confirmations: 1 },
};
