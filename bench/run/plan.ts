import type { DriverName, Variant } from '../results/types.ts';

export interface PlannedRun {
  comparison: string;
  driver: DriverName;
  variant: Variant;
  repeat: number;
}

/**
 * Repeats interleave the variants (A B, B A, A B …) so slow drift — a warming page cache, a
 * growing table, thermal limits — lands on both sides equally instead of on whichever ran last.
 */
export function planRuns(comparisons: readonly string[], drivers: readonly DriverName[], repeat: number): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const driver of drivers) {
    for (const comparison of comparisons) {
      for (let r = 1; r <= repeat; r++) {
        const order: Variant[] = r % 2 === 1 ? ['naive', 'optimized'] : ['optimized', 'naive'];
        for (const variant of order) runs.push({ comparison, driver, variant, repeat: r });
      }
    }
  }
  return runs;
}
