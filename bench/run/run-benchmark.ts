import { join } from 'node:path';
import { UsageError } from '../cli/errors.ts';
import { onCleanup } from '../env/cleanup.ts';
import { findK6 } from '../env/k6.ts';
import { projectRoot } from '../env/paths.ts';
import { writeResults } from '../results/write-results.ts';
import { RESULTS_SCHEMA_VERSION, type CalibrationRun, type Results, type ScenarioRun } from '../results/types.ts';
import { summarizeComparisons } from '../stats/summarize-comparisons.ts';
import { catalog, catalogIds } from '../../scenarios/catalog.ts';
import { executeRun } from './execute-run.ts';
import { describeHost, gitSha, newRunId } from './host-info.ts';
import { planRuns } from './plan.ts';
import { prepareTarget } from './prepare-target.ts';
import type { ProgressReporter } from './progress.ts';
import type { RunOptions } from './run-options.ts';
import { readServerStats, statsToken } from './server-stats.ts';
import { runCalibration } from './run-calibration.ts';

export interface BenchmarkOutcome {
  dir: string;
  files: string[];
  results: Results;
  /** 0 all thresholds met; 1 a threshold of an optimized path failed. */
  exitCode: number;
}

/**
 * `perflab run`: provision, seed, serve, calibrate, then every planned run in turn. A run that
 * completes is kept even if a later one is interrupted: Ctrl-C writes a report marked partial.
 */
export async function runBenchmark(options: RunOptions, progress: ProgressReporter, command: string): Promise<BenchmarkOutcome> {
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const dir = join(options.outDir, runId);
  const notices: string[] = [];
  const k6 = options.drivers.includes('k6') ? await findK6() : null;
  let drivers = options.drivers;
  if (options.drivers.includes('k6') && !k6) {
    if (drivers.length === 1) throw new UsageError('--driver k6: k6 not found (set K6_BIN or put k6 on PATH; see README)');
    drivers = drivers.filter((d) => d !== 'k6');
    notices.push('k6 not found (K6_BIN unset and no k6 on PATH): the k6 driver was skipped.');
    progress.line('k6 not found: k6 driver skipped (set K6_BIN or put k6 on PATH)');
  }

  const comparisons = options.only ?? [...catalogIds];
  const maxConcurrency = Math.max(options.connections ?? 0, ...catalog.map((e) => Math.max(e.load.closed.connections, e.load.open.maxConnections)));
  const target = await prepareTarget(options, maxConcurrency, (line) => progress.line(line));
  const abort = new AbortController();
  const scenarios: ScenarioRun[] = [];
  let calibration: CalibrationRun[] = [];
  let cacheBackend: 'redis' | 'in-process' = 'in-process';

  const assemble = (complete: boolean): Results => ({
    schemaVersion: RESULTS_SCHEMA_VERSION,
    run: {
      id: runId,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      complete,
      gitSha: gitSha(projectRoot),
      command,
      options: { drivers, durationSec: options.durationSec, warmupSec: options.warmupSec, repeat: options.repeat, connections: options.connections, rate: options.rate, quick: options.quick, target: target.baseUrl },
      host: describeHost({ ...target.services, cacheBackend, k6: k6?.version ?? null }),
    },
    dataset: { ...target.fixtures.fingerprint },
    calibration,
    scenarios,
    comparisons: summarizeComparisons(scenarios, { seed: options.seed }),
    notices: [...notices, ...cacheNotice(cacheBackend)],
  });

  // Ctrl-C: stop the generator, keep the runs already complete (this step runs before the server stops)
  const unregister = onCleanup('partial report', async () => {
    abort.abort(new Error('interrupted'));
    const files = await writeResults(dir, assemble(false));
    process.stderr.write(`\ninterrupted: partial report (${scenarios.length} complete runs) in ${files[1] ?? dir}\n`);
  });

  try {
    cacheBackend = (await readServerStats(target.baseUrl, statsToken(target.fixtures))).cacheBackend;
    const calibrated = await runCalibration(target.baseUrl, options, abort.signal, progress);
    calibration = calibrated.runs;
    notices.push(...calibrated.notices);
    const plan = planRuns(comparisons, drivers, options.repeat);
    const context = { baseUrl: target.baseUrl, fixtures: target.fixtures, fixturesPath: target.fixturesPath, options, signal: abort.signal, progress, warmed: new Set<string>() };
    for (const [index, run] of plan.entries()) {
      scenarios.push(await executeRun(run, index, plan.length, context));
    }
  } catch (error) {
    if (abort.signal.aborted) throw error;
    unregister();
    notices.push(`The run stopped early: ${(error as Error).message}`);
    const files = await writeResults(dir, assemble(false));
    progress.line(`partial report (${scenarios.length} complete runs) in ${files[1] ?? dir}`);
    throw error;
  }
  unregister();

  const results = assemble(true);
  const files = await writeResults(dir, results);
  const failed = results.scenarios.some((s) => s.thresholds.some((t) => !t.passed));
  return { dir, files, results, exitCode: failed ? 1 : 0 };
}

function cacheNotice(backend: 'redis' | 'in-process'): string[] {
  return backend === 'in-process' ? ['No Redis was available: the API cached in process memory, so cache figures are not those of a Redis deployment.'] : [];
}
