import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, plannedSeconds, QUICK_BUDGET, variantWorstCase } from './capacity-plan.ts';

/** Two comparisons × two variants, the stack (Postgres, Redis, the API; data set already seeded) up in 20 s. */
const TWO_COMPARISONS = 4;
const STACK_SEC = 20;

describe('the capacity budget', () => {
  it('keeps every step of --quick, overheads included, within 3 min for two comparisons', () => {
    expect(variantWorstCase(QUICK_BUDGET)).toEqual({ windows: 18, loadSec: 24 });
    expect(plannedSeconds(QUICK_BUDGET, TWO_COMPARISONS, STACK_SEC)).toBeLessThanOrEqual(180);
  });

  it('keeps every step of the default plan within 10 min for two comparisons, with a third to spare', () => {
    expect(variantWorstCase(DEFAULT_BUDGET)).toEqual({ windows: 30, loadSec: 70 });
    expect(plannedSeconds(DEFAULT_BUDGET, TWO_COMPARISONS, STACK_SEC)).toBeLessThanOrEqual(600 * (2 / 3));
  });

  it('keeps what the issue requires: warm-up per step, bisections, confirmations, a sweep of at least 5 levels', () => {
    for (const budget of [QUICK_BUDGET, DEFAULT_BUDGET]) {
      expect(budget.stepWarmupSec).toBeGreaterThan(0);
      expect(budget.search.bisections).toBeGreaterThanOrEqual(2);
      expect(budget.search.confirmations).toBeGreaterThanOrEqual(1);
      expect(budget.concurrency.length).toBeGreaterThanOrEqual(5);
    }
  });
});
