import { join, relative } from 'node:path';
import { onCleanup, runCleanup } from '../env/cleanup.ts';
import { readServices } from '../env/services.ts';
import { newRunId } from '../run/host-info.ts';
import { createProgress, type ProgressStream } from '../run/progress.ts';
import { runBenchmark } from '../run/run-benchmark.ts';
import { assembleScaleReport, type MeasuredSize, type ScaleRunInfo } from './assemble-scale-report.ts';
import { formatSize } from './parse-sizes.ts';
import { runOptionsFor, type ScaleOptions } from './scale-options.ts';
import type { ScaleReport } from './scale-schema.ts';
import { writeScaleReports } from './write-scale-reports.ts';

export interface ScaleOutcome {
  dir: string;
  files: string[];
  report: ScaleReport;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const LOAD_NOTICE = 'Latencies are timing figures: comparable between the sizes of this run, on this host, under whatever else ran on it.';

/**
 * `perflab scale`: for each size, smallest first, `perflab run`'s own orchestration on that size's
 * data set (seeded once into a data dir of its own, reused after), then the stack of that size is
 * stopped before the next starts; the per-variant aggregates of every size are fitted against
 * rows. Ctrl-C or a failure writes scale.json/.md/.html from the sizes completed, marked partial.
 */
export async function runScale(options: ScaleOptions, command: string, stream: ProgressStream = process.stderr): Promise<ScaleOutcome> {
  const startedAt = new Date();
  const id = `${newRunId(startedAt)}-scale`;
  const dir = join(options.run.outDir, id);
  const comparisons = options.run.only ?? [];
  const info: ScaleRunInfo = { id, startedAt, command, sizes: options.sizes, comparisons, quick: options.run.quick, durationSec: options.run.durationSec, repeat: options.run.repeat };
  const measured: MeasuredSize[] = [];
  const notices = [LOAD_NOTICE, ...(await sharedDatabaseNotice())];
  const say = (line: string) => stream.write(`${line}\n`);

  // one partial report, whether Ctrl-C's cleanup or the failed run's catch gets there first
  let partial: Promise<void> | null = null;
  const writePartial = (why: string) =>
    (partial ??= (async () => {
      if (measured.length === 0) return void stream.write(`\n${why} before any size completed: no scale report written\n`);
      const files = await writeScaleReports(dir, assembleScaleReport(info, measured, false, [...notices, `${why}: only the sizes completed before it are fitted.`]));
      stream.write(`\npartial scale report (${measured.length} of ${options.sizes.length} sizes) in ${files[1]}\n`);
    })());

  // a run cut by Ctrl-C fails with whatever its generator said as it was killed: name the real cause
  let interrupted = false;
  const onSignal = () => (interrupted = true);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    for (const [index, rows] of options.sizes.entries()) await measureSize(index, rows);
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
  const report = assembleScaleReport(info, measured, true, notices);
  return { dir, files: await writeScaleReports(dir, report), report };

  async function measureSize(index: number, rows: number): Promise<void> {
    const label = formatSize(rows);
    say(`perflab scale: size ${label} (${index + 1}/${options.sizes.length}): ${rows.toLocaleString('en-US')} products and orders; ${comparisons.join(', ')}`);
    // registered before the size's stack, so on Ctrl-C it runs after the run has written its own partial report and stopped
    const unregister = onCleanup('partial scale report', () => writePartial(`Interrupted during size ${label}`));
    try {
      const outcome = await runBenchmark(runOptionsFor(options, rows, dir), createProgress(labelled(stream, label)), `${command} (size ${label})`);
      measured.push({ rows, runDir: relative(dir, outcome.dir), results: outcome.results });
    } catch (error) {
      await writePartial(interrupted ? `Interrupted during size ${label}` : `Size ${label} failed (${(error as Error).message})`);
      unregister();
      throw error;
    }
    unregister();
    // this size's Postgres, Redis and API: the next size runs on a cluster of its own
    await runCleanup();
  }
}

/** With DATABASE_URL or a running `perflab up` there is one database: each size replaces the last (nothing kept per size). */
async function sharedDatabaseNotice(): Promise<string[]> {
  const where = process.env.DATABASE_URL ? 'DATABASE_URL' : (await readServices()) ? 'the Postgres of `perflab up`' : null;
  return where ? [`Every size was loaded into one database (${where}), each replacing the last: no data set is kept per size, so the next scale run seeds again.`] : [];
}

/** Prefixes every line a size's progress writes with `[10k] `, after the terminal's line-clearing codes. */
function labelled(stream: ProgressStream, label: string): ProgressStream {
  return {
    isTTY: stream.isTTY,
    // the prefix takes part of the width a live line is fitted to
    columns: stream.columns === undefined ? undefined : Math.max(20, stream.columns - label.length - 3),
    write: (text: string) => stream.write(text.replace(/^((?:\r\x1b\[2K)?)/, `$1[${label}] `)),
  } as ProgressStream;
}
