import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Collections V8 reported, from the moment `watchGc` was called until `stop`. */
export interface GcWatch {
  /** Collections that started in [fromMs, toMs] (performance.now() clock), after the observer has been handed them. */
  between(fromMs: number, toMs: number): Promise<{ count: number; totalMs: number }>;
  stop(): void;
}

/** Long enough for queued gc entries to reach the observer (one setImmediate is not). */
const GC_DELIVERY_WAIT_MS = 20;

/** Starts recording V8 garbage collections (perf_hooks 'gc' entries). */
export function watchGc(): GcWatch {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async between(fromMs, toMs) {
      // V8 queues gc entries and Node hands them to observers on a later timer turn, not the next immediate
      await new Promise((resolve) => setTimeout(resolve, GC_DELIVERY_WAIT_MS));
      const seen = entries.filter((entry) => entry.startTime >= fromMs && entry.startTime <= toMs);
      return { count: seen.length, totalMs: seen.reduce((sum, entry) => sum + entry.duration, 0) };
    },
    stop: () => observer.disconnect(),
  };
}

/** Which collection runs between tasks: `major` (full heap, tens to hundreds of ms on a busy host) or `minor` (young generation only, about 1 ms). */
export type GcKind = 'major' | 'minor';

/**
 * A V8 collection of `kind`, when it can be had: `--expose-gc` if the process was started with
 * it, else the flag set at run time and `gc` taken from a fresh context (the flag only applies to
 * contexts created after it). Null when neither works. A minor one empties the young generation,
 * where a task's garbage lives; what the previous task promoted to the old one stays.
 */
export function exposedGc(kind: GcKind = 'major'): (() => void) | null {
  const gc = rawGc();
  if (!gc) return null;
  return kind === 'major' ? () => gc() : () => gc({ type: 'minor' });
}

type V8Gc = (options?: { type: GcKind }) => void;

function rawGc(): V8Gc | null {
  const existing = (globalThis as { gc?: V8Gc }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as V8Gc) : null;
  } catch {
    return null;
  }
}

/** The clock gc entries use. */
export const now = (): number => performance.now();
