import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { MICRO_PRESETS } from '../cli/micro.ts';
import { exposedGc, type GcKind } from './gc-watch.ts';

/** The kinds (perf_hooks constants) of the collections V8 reports while `run` runs. */
async function collectionsDuring(run: () => void): Promise<number[]> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  run();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return entries.map((entry) => ((entry as PerformanceEntry & { detail?: { kind: number } }).detail?.kind ?? -1));
}

describe('the collection forced between tasks', () => {
  it.each([
    ['major', constants.NODE_PERFORMANCE_GC_MAJOR],
    ['minor', constants.NODE_PERFORMANCE_GC_MINOR],
  ] as [GcKind, number][])('%s runs that kind of V8 collection only', async (kind, expected) => {
    const gc = exposedGc(kind);
    expect(gc).not.toBeNull();
    const kinds = await collectionsDuring(() => gc!());
    expect(kinds).toContain(expected);
    expect(kinds.filter((k) => k === constants.NODE_PERFORMANCE_GC_MAJOR).length > 0).toBe(kind === 'major');
  });

  it('quick runs force minor collections, the default run full ones', () => {
    expect([MICRO_PRESETS.quick.collect, MICRO_PRESETS.default.collect]).toEqual(['minor', 'major']);
  });
});
