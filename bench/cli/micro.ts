import { join } from 'node:path';
import { defineCommand } from 'citty';
import { integerFlag } from '../../lib/cli-flags.ts';
import { displayPath, projectRoot } from '../../lib/paths.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { MICRO_SUITE_IDS } from '../micro/suites.ts';

/**
 * Default and --quick shapes: 15 tasks × repeats × (time + warm-up + the collection before each),
 * plus start-up and suite set-up, stays under 2 min and 30 s. Quick forces a minor collection
 * (about 1 ms) instead of a full one (40-190 ms each on a loaded 2-core host, 45 of them: the
 * largest cost of a quick run after the timing itself).
 */
export const MICRO_PRESETS = {
  default: { timeMs: 600, warmupMs: 150, repeats: 5, minSamples: 100, collect: 'major' },
  quick: { timeMs: 100, warmupMs: 30, repeats: 3, minSamples: 20, collect: 'minor' },
} as const;

export interface MicroArgs {
  suites: string[];
  quick: boolean;
  repeats: number;
  out: string;
}

/** Pure: checks the flags and turns them into what to run. */
export function parseMicroArgs(args: { only?: string; quick?: boolean; repeat?: string; out?: string }): MicroArgs {
  const quick = args.quick === true;
  const suites = args.only === undefined ? MICRO_SUITE_IDS : args.only.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = suites.filter((id) => !MICRO_SUITE_IDS.includes(id));
  if (unknown.length > 0 || suites.length === 0) throw new UsageError(`--only must name suites among ${MICRO_SUITE_IDS.join(', ')}, got '${args.only ?? ''}'`);
  const preset = quick ? MICRO_PRESETS.quick : MICRO_PRESETS.default;
  if (args.out !== undefined && args.out.trim() === '') throw new UsageError('--out needs a directory');
  return { suites, quick, repeats: integerFlag('repeat', args.repeat, { min: 1, max: 50 }, preset.repeats), out: args.out ?? join(projectRoot, 'reports') };
}

export default defineCommand({
  meta: { name: 'micro', description: 'tinybench micro-benchmarks of in-process per-request costs, same reports.' },
  args: {
    only: { type: 'string', description: `Comma-separated suite ids (${MICRO_SUITE_IDS.join(', ')})` },
    quick: { type: 'boolean', default: false, description: 'Short runs (≤ 30 s): 100 ms per task, 3 repeats, minor collections between tasks' },
    repeat: { type: 'string', description: 'Interleaved repeats per task (default 5, quick 3); 3 or more give intervals' },
    out: { type: 'string', description: 'Directory the run folder is written under (default reports/)' },
  },
  async run({ args, rawArgs }) {
    const options = parseMicroArgs(args);
    const [{ MICRO_SUITES }, { runMicro }, { microResults }, { writeReports }, { newRunId }] = await Promise.all([
      import('../micro/suites.ts'),
      import('../micro/run-micro.ts'),
      import('../micro/micro-results.ts'),
      import('../report/write-reports.ts'),
      import('../run/host-info.ts'),
    ]);
    const preset = options.quick ? MICRO_PRESETS.quick : MICRO_PRESETS.default;
    const suites = await Promise.all(options.suites.map((id) => MICRO_SUITES[id]!()));
    const startedAt = new Date();
    const micro = await runMicro(suites, {
      ...preset,
      repeats: options.repeats,
      onSuite: (suite, index, total, elapsedMs) => process.stdout.write(`[${index + 1}/${total}] ${suite.id}: done in ${(elapsedMs / 1000).toFixed(1)} s\n`),
    });
    const notices = [
      ...(micro.options.gcExposed ? [] : ['V8 gc could not be exposed: no collection was forced between tasks, so one task may pay for the garbage of the one before.']),
      ...micro.tasks.filter((task) => !task.enoughSamples).map((task) => `${task.key}: fewer than ${micro.options.minSamples} timed calls in some repeat; the run was too short (or the host too busy) for a stable mean, and early calls may predate the code V8 optimizes.`),
      ...(options.repeats < 3 ? ['Fewer than 3 repeats: the pair ratios have no interval.'] : []),
      ...(options.quick && micro.options.gcExposed ? ['Quick run: only a minor (young-generation) collection before each task, so a task may pay for old-generation garbage the one before promoted; the default run forces full collections.'] : []),
    ];
    const id = newRunId(startedAt);
    const results = microResults({ id, startedAt, finishedAt: new Date(), command: ['perflab', 'micro', ...rawArgs].join(' '), quick: options.quick, micro, notices });
    const written = await writeReports(join(options.out, id), results);
    process.stdout.write(`${displayPath(written[0]!)}\n`);
  },
});
