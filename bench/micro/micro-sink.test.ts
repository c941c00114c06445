import { describe, expect, it } from 'vitest';
import { exposedGc, watchGc } from './gc-watch.ts';
import { MICRO_SUITES } from './suites.ts';
import { timeTask, UnconsumedResultError } from './time-task.ts';

const brief = { timeMs: 10, warmupMs: 5 };

describe('the sink guard', () => {
  const gcWatch = watchGc();

  it('refuses a task whose function returns nothing, before timing it', async () => {
    let calls = 0;
    const discarded = { name: 'discarded', fn: () => void JSON.stringify({ calls: ++calls }) };
    await expect(timeTask(discarded, brief, gcWatch, null)).rejects.toThrow(UnconsumedResultError);
    expect(calls).toBe(1);
  });

  it('refuses a task that stops returning its result once timed', async () => {
    let calls = 0;
    const lazy = { name: 'lazy', fn: () => (++calls === 1 ? 'probe' : undefined) };
    await expect(timeTask(lazy, brief, gcWatch, null)).rejects.toThrow(/not consumed/);
    expect(calls).toBeGreaterThan(1);
  });

  it('times a task that returns its result, and sees the collections its garbage causes', async () => {
    // 10,000 fresh objects per call: the young generation (16 MiB at most) fills within a few dozen calls
    const allocating = { name: 'allocating', fn: () => Array.from({ length: 10_000 }, (_, index) => ({ index })) };
    const repeat = await timeTask(allocating, { timeMs: 100, warmupMs: 5 }, gcWatch, exposedGc());
    expect(repeat.samples).toBeGreaterThan(10);
    expect(repeat.gcCount).toBeGreaterThan(0);
    expect(repeat.gcMs).toBeGreaterThan(0);
  });

  it('times sub-20 µs calls in batches and slower or async ones one by one', async () => {
    const fast = await timeTask({ name: 'fast', fn: () => 1 + Math.random() }, brief, gcWatch, null);
    expect(fast.callsPerSample).toBeGreaterThan(1);
    const slow = await timeTask({ name: 'async', fn: () => Promise.resolve(1), async: true }, brief, gcWatch, null);
    expect(slow.callsPerSample).toBe(1);
  });

  it('every task of every suite returns a value to consume, and each suite checks its alternatives agree', async () => {
    for (const [id, load] of Object.entries(MICRO_SUITES)) {
      const suite = await load();
      expect(suite.id).toBe(id);
      const tasks = await suite.setup();
      for (const task of tasks) expect(await task.fn(), `${id}/${task.name}`).not.toBeUndefined();
      const names = tasks.map((task) => task.name);
      for (const pair of suite.pairs) expect(names).toEqual(expect.arrayContaining([pair.baseline, pair.candidate]));
    }
  });
});
