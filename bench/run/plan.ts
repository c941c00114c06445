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

/** How long each run measures and warms up, seconds. */
export interface RunTiming {
  durationSec: number;
  warmupSec: number;
}

/**
 * Planned seconds of each run: its measured window, plus the warm-up when it is the first run
 * of its driver, comparison and variant (later repeats find everything warm; see execute-run.ts).
 */
export function plannedSeconds(runs: readonly PlannedRun[], { durationSec, warmupSec }: RunTiming): number[] {
  const warmed = new Set<string>();
  return runs.map((run) => {
    const key = `${run.driver}/${run.comparison}/${run.variant}`;
    const warmup = warmupSec > 0 && !warmed.has(key) ? warmupSec : 0;
    warmed.add(key);
    return durationSec + warmup;
  });
}

/** Seconds left once `done` runs are over: their planned windows plus `overheadSec` per run (reset, stats, process start). */
export function remainingSeconds(planned: readonly number[], done: number, overheadSec: number): number {
  return planned.slice(done).reduce((total, seconds) => total + seconds + overheadSec, 0);
}

/** One line saying what a run will do, e.g. "24 runs (2 comparisons × 1 driver × 6 repeats × 2 variants), about 2:10 after setup". */
export function describePlan(runs: readonly PlannedRun[], timing: RunTiming, overheadSec: number): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const comparisons = new Set(runs.map((r) => r.comparison)).size;
  const drivers = new Set(runs.map((r) => r.driver)).size;
  const repeats = Math.max(0, ...runs.map((r) => r.repeat));
  const eta = formatClock(remainingSeconds(plannedSeconds(runs, timing), 0, overheadSec));
  return `${count(runs.length, 'run')} (${count(comparisons, 'comparison')} × ${count(drivers, 'driver')} × ${count(repeats, 'repeat')} × 2 variants), about ${eta} after setup`;
}

/** Seconds as m:ss, or h:mm:ss from an hour. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
