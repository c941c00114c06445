import { Bench, type FnReturnedObject } from 'tinybench';
import type { TaskRepeat } from './micro-figures.ts';
import type { MicroTask } from './micro-suite.ts';
import { now, type GcWatch } from './gc-watch.ts';

/** How long each task is timed per repeat. */
export interface TimingOptions {
  timeMs: number;
  warmupMs: number;
}

/** A task whose result the runner could not consume: its work could be optimized away, so its timing would be a lie. */
export class UnconsumedResultError extends Error {
  override name = 'UnconsumedResultError';
}

/** A sample should last about this long: two clock reads per sample then cost under 1% of it. */
const TARGET_SAMPLE_MS = 0.02;

/**
 * Calls per sample: 1 for a call that lasts the target or more, else enough calls that one batch
 * does (tinybench then records the batch mean and budgets the whole batch). Estimated after a
 * few untimed calls, from at most 200 calls or 5 ms, so a slow task spends little time here.
 */
function batchSize(fn: () => unknown): number {
  for (let call = 0; call < 20; call++) sink = fn();
  const start = performance.now();
  let calls = 0;
  let elapsed = 0;
  while (calls < 200 && elapsed < ESTIMATE_BUDGET_MS) {
    sink = fn();
    calls++;
    elapsed = performance.now() - start;
  }
  const perCallMs = elapsed / calls;
  return perCallMs >= TARGET_SAMPLE_MS ? 1 : Math.min(1000, Math.ceil(TARGET_SAMPLE_MS / Math.max(perCallMs, 1e-6)));
}

const ESTIMATE_BUDGET_MS = 5;

/** Where every timed call's result goes: a module-level write V8 must keep, so the call is never dead code. */
let sink: unknown;

/**
 * One timed run of one task in a fresh tinybench Bench: warm-up (JIT tiers reached), then the
 * timed calls, each writing its result to the sink; calls shorter than ~20 µs are timed in
 * batches, so the clock's own cost does not swamp them. A collection is forced first when `gc` is
 * given, so the previous task's garbage is not collected on this task's clock.
 * @throws UnconsumedResultError when `fn` returns undefined (before timing, or in the timed calls).
 */
export async function timeTask(task: MicroTask, options: TimingOptions, gcWatch: GcWatch, gc: (() => void) | null): Promise<TaskRepeat> {
  const probe = await task.fn();
  if (probe === undefined) throw new UnconsumedResultError(`task ${task.name} returned undefined: return what it computed, so the benchmark can consume it`);
  const batch = task.async ? 1 : batchSize(task.fn);
  // cleared after the batch estimate, so only the timed calls can leave a value here
  sink = undefined;
  const fn = task.async
    ? async () => {
        sink = await task.fn();
      }
    : batch === 1
      ? () => {
          sink = task.fn();
        }
      : (): FnReturnedObject => {
          const start = performance.now();
          for (let call = 0; call < batch; call++) sink = task.fn();
          const total = performance.now() - start;
          return { overriddenDuration: total / batch, overriddenIterationCost: total };
        };
  const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, iterations: 10, warmupIterations: 10, throws: true, subtractTimerOverhead: true });
  bench.add(task.name, fn, { async: task.async === true });
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const startMs = now();
  await bench.run();
  const endMs = now();
  const heapDeltaBytes = process.memoryUsage().heapUsed - heapBefore;
  if (sink === undefined) throw new UnconsumedResultError(`task ${task.name} returned undefined while timed: its result was not consumed`);
  const result = bench.tasks[0]?.result;
  if (!result || !('latency' in result)) throw new Error(`task ${task.name} produced no statistics (${result?.state ?? 'no result'})`);
  const { latency } = result;
  const gcSeen = await gcWatch.between(startMs, endMs);
  return {
    samples: latency.samplesCount,
    callsPerSample: batch,
    meanMs: latency.mean,
    varianceMs2: latency.variance,
    p99Ms: latency.p99,
    gcCount: gcSeen.count,
    gcMs: gcSeen.totalMs,
    elapsedMs: endMs - startMs,
    heapDeltaBytes,
  };
}
