import type { MicroSection } from '../results/types.ts';
import { pairFigures, taskFigures, type TaskRepeat } from './micro-figures.ts';
import type { MicroSuite } from './micro-suite.ts';
import { exposedGc, watchGc, type GcKind } from './gc-watch.ts';
import { timeTask, type TimingOptions } from './time-task.ts';

/** How a micro run is shaped. */
export interface MicroRunOptions extends TimingOptions {
  repeats: number;
  /** Timed calls each repeat needs before its figures count as stable. */
  minSamples: number;
  /** The collection forced before each timed task (default `major`; quick runs use `minor`). */
  collect?: GcKind;
  /** Called once per suite as it finishes, e.g. to print progress. */
  onSuite?: (suite: MicroSuite, index: number, total: number, elapsedMs: number) => void;
}

/**
 * Runs the suites one after another. Within a suite the tasks interleave: forward order on
 * odd repeats, reversed on even ones (A B, B A, …), so drift cancels within each pair of repeats.
 */
export async function runMicro(suites: readonly MicroSuite[], options: MicroRunOptions): Promise<MicroSection> {
  const gcWatch = watchGc();
  const gc = exposedGc(options.collect ?? 'major');
  const section: MicroSection = {
    options: { timeMs: options.timeMs, warmupMs: options.warmupMs, repeats: options.repeats, minSamples: options.minSamples, gcExposed: gc !== null },
    suites: [],
    tasks: [],
    pairs: [],
  };
  try {
    for (const [index, suite] of suites.entries()) {
      const started = Date.now();
      const tasks = await suite.setup();
      const repeats = new Map<string, TaskRepeat[]>(tasks.map((task) => [task.name, []]));
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        const order = repeat % 2 === 0 ? tasks : [...tasks].reverse();
        for (const task of order) repeats.get(task.name)!.push(await timeTask(task, options, gcWatch, gc));
      }
      const figures = tasks.map((task) => taskFigures(suite.id, task.name, repeats.get(task.name)!, options.minSamples));
      section.suites.push({ id: suite.id, title: suite.title, factor: suite.factor });
      section.tasks.push(...figures);
      section.pairs.push(...suite.pairs.map((pair) => pairFigures(suite.id, pair, figures)));
      options.onSuite?.(suite, index, suites.length, Date.now() - started);
    }
  } finally {
    gcWatch.stop();
  }
  return section;
}
