import { join } from 'node:path';
import { UsageError } from '../../lib/usage-error.ts';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { DRIVERS, findDrivers, type DriverRegistry } from '../drivers/registry.ts';
import { onCleanup } from '../env/cleanup.ts';
import { projectRoot } from '../../lib/paths.ts';
import { writeReports } from '../report/write-reports.ts';
import { RESULTS_SCHEMA_VERSION, type CalibrationRun, type Results, type ScenarioRun } from '../results/types.ts';
import { aggregateVariants } from '../stats/aggregate-variants.ts';
import { DEFAULT_VERDICT_POLICY, QUICK_NO_VERDICT_NOTICE } from '../stats/decide-verdict.ts';
import { summarizeComparisons } from '../stats/summarize-comparisons.ts';
import { catalog, catalogIds } from '../../scenarios/catalog.ts';
import { executeRun } from './execute-run.ts';
import { describeHost, gitSha, newRunId } from './host-info.ts';
import { planRuns } from './plan.ts';
import { prepareTarget } from './prepare-target.ts';
import type { ProgressReporter } from './progress.ts';
import { DEFAULT_DRIVER, type RunOptions } from './run-options.ts';
import { readServerStats, statsToken } from './server-stats.ts';
import { runCalibration } from '../calibrate/run-calibration.ts';

export interface BenchmarkOutcome {
  dir: string;
  files: string[];
  results: Results;
  /** 0 all thresholds met; 1 a threshold of an optimized path failed. */
  exitCode: number;
}

/**
 * `perflab run`: find every driver once, provision, seed, serve, calibrate, then every planned run
 * in turn. A run that completes is kept even if a later one is interrupted: Ctrl-C writes a report
 * marked partial. `registry` is a parameter so a test can count what the orchestrator asks of it.
 */
export async function runBenchmark(options: RunOptions, progress: ProgressReporter, command: string, registry: DriverRegistry = DRIVERS): Promise<BenchmarkOutcome> {
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const dir = join(options.outDir, runId);
  const notices: string[] = [];
  // Every registered driver, once: calibration measures each generator present, runs use the chosen ones.
  const located = await findDrivers(DRIVER_NAMES, registry);
  const found = new Map(located.found.map((f) => [f.driver.name, f]));
  const drivers = options.drivers.filter((name) => found.has(name));
  const missingChosen = located.missing.filter((m) => options.drivers.includes(m.driver.name));
  if (drivers.length === 0) throw new UsageError(`--driver ${options.drivers.join(',')}: ${missingChosen.map((m) => m.missing).join('; ')}`);
  notices.push(...located.missing.map(({ driver, missing }) => `${missing}: the ${driver.name} driver was skipped.`));

  const comparisons = options.only ?? [...catalogIds];
  const maxConcurrency = Math.max(options.connections ?? 0, ...catalog.map((e) => Math.max(e.load.closed.connections, e.load.open.maxConnections)));
  const target = await prepareTarget(options, maxConcurrency, (line) => progress.line(line));
  for (const { driver, missing } of located.missing) progress.line(`${missing}: ${driver.name} skipped`);
  progress.line(`drivers: ${located.found.map((f) => `${f.driver.name} ${f.version}`).join(', ')}`);
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
      options: { drivers, defaultDriver: DEFAULT_DRIVER, durationSec: options.durationSec, warmupSec: options.warmupSec, repeat: options.repeat, connections: options.connections, rate: options.rate, quick: options.quick, target: target.baseUrl },
      host: describeHost({ ...target.services, cacheBackend }, located.found),
    },
    // rows sorted by table name: the order a report lists them in stays the same from run to run
    dataset: { ...target.fixtures.fingerprint, rows: Object.fromEntries(Object.entries(target.fixtures.fingerprint.rows).sort(([a], [b]) => a.localeCompare(b))) },
    calibration,
    scenarios,
    variants: aggregateVariants(scenarios, calibration),
    comparisons: summarizeComparisons(scenarios, { ...DEFAULT_VERDICT_POLICY, verdicts: !options.quick }),
    notices: [...notices, ...cacheNotice(cacheBackend), ...instancesNotice(options.instances), ...(options.quick ? [QUICK_NO_VERDICT_NOTICE] : [])],
  });

  // Ctrl-C: stop the generator, keep the runs already complete (this step runs before the server stops)
  const unregister = onCleanup('partial report', async () => {
    abort.abort(new Error('interrupted'));
    const files = await writeReports(dir, assemble(false));
    process.stderr.write(`\ninterrupted: partial report (${scenarios.length} complete runs) in ${files[1] ?? dir}\n`);
  });

  try {
    cacheBackend = (await readServerStats(target.baseUrl, statsToken(target.fixtures))).cacheBackend;
    const calibrated = await runCalibration(target.baseUrl, options, located.found, abort.signal, progress);
    calibration = calibrated.runs;
    notices.push(...calibrated.notices);
    const plan = planRuns(comparisons, drivers, options.repeat);
    const context = { baseUrl: target.baseUrl, fixtures: target.fixtures, fixturesPath: target.fixturesPath, options, drivers: found, signal: abort.signal, progress, warmed: new Set<string>() };
    for (const [index, run] of plan.entries()) {
      scenarios.push(await executeRun(run, index, plan.length, context));
    }
  } catch (error) {
    if (abort.signal.aborted) throw error;
    unregister();
    notices.push(`The run stopped early: ${(error as Error).message}`);
    const files = await writeReports(dir, assemble(false));
    progress.line(`partial report (${scenarios.length} complete runs) in ${files[1] ?? dir}`);
    throw error;
  }
  unregister();

  const results = assemble(true);
  const files = await writeReports(dir, results);
  const failed = results.scenarios.some((s) => s.thresholds.some((t) => !t.passed));
  return { dir, files, results, exitCode: failed ? 1 : 0 };
}

function instancesNotice(instances: number): string[] {
  if (instances === 1) return [];
  return [`Each run was split across ${instances} generator processes (k6 execution segments, as k6-operator runs parallelism: ${instances}) and their samples merged: percentiles from the merged histograms, thresholds judged on the merged samples by perflab (k6 OSS judges each instance on its own slice only, grafana/k6-docs#102).`];
}

function cacheNotice(backend: 'redis' | 'in-process'): string[] {
  return backend === 'in-process' ? ['No Redis was available: the API cached in process memory, so cache figures are not those of a Redis deployment.'] : [];
}
