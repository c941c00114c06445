import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../lib/usage-error.ts';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { DRIVERS, findDrivers, type DriverRegistry } from '../drivers/registry.ts';
import { onCleanup } from '../env/cleanup.ts';
import { projectRoot } from '../../lib/paths.ts';
import { writeReports } from '../report/write-reports.ts';
import { RESULTS_SCHEMA_VERSION, type CalibrationRun, type Floor, type Results, type ScenarioRun } from '../results/types.ts';
import { aggregateVariants } from '../stats/aggregate-variants.ts';
import { DEFAULT_VERDICT_POLICY, QUICK_NO_VERDICT_NOTICE } from '../stats/decide-verdict.ts';
import { summarizeComparisons } from '../stats/summarize-comparisons.ts';
import { catalog, catalogIds } from '../../scenarios/catalog.ts';
import { warmupFixtures } from '../../scenarios/expand.ts';
import { executeRun } from './execute-run.ts';
import { describeHost, gitSha, newRunId } from './host-info.ts';
import { planRuns } from './plan.ts';
import { gitDirty } from './reproducibility.ts';
import { prepareTarget, type Target } from './prepare-target.ts';
import { floorComparisons, measureFloor } from '../floor/run-floor.ts';
import type { ProgressReporter } from './progress.ts';
import { DEFAULT_DRIVER, type RunOptions } from './run-options.ts';
import { drainBoundSec, drainImports, harnessToken, resetState, type StateControl } from './run-state.ts';
import type { VariantAggregate } from '../results/types.ts';
import { readServerStats, statsToken } from './server-stats.ts';
import { runCalibration } from '../calibrate/run-calibration.ts';
import { appendHistory } from '../gate/history.ts';
import { READ_REPLICA_ID, readReplicaSkipReason } from '../env/replica-skip.ts';
import { replicaNotices } from '../env/replica-report.ts';
import type { ReplicaRunFigures } from '../env/replica-watch.ts';
import { AA_NOTICE } from '../report/aa-mode.ts';
import { breakPath, displayPath } from '../report/path-lines.ts';
import { TERMINAL_WIDTH } from '../report/render-terminal.ts';
import { addTrendToReport } from '../gate/trend/add-trend.ts';

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
  // Every registered driver, once, so the report can say which are absent; calibration and runs use the chosen ones.
  const located = await findDrivers(DRIVER_NAMES, registry);
  const found = new Map(located.found.map((f) => [f.driver.name, f]));
  const drivers = options.drivers.filter((name) => found.has(name));
  const missingChosen = located.missing.filter((m) => options.drivers.includes(m.driver.name));
  if (drivers.length === 0) throw new UsageError(`--driver ${options.drivers.join(',')}: ${missingChosen.map((m) => m.missing).join('; ')}`);
  notices.push(...located.missing.map(({ driver, missing }) => `${missing}: the ${driver.name} driver was skipped.`));

  let comparisons = options.only ?? [...catalogIds];
  const maxConcurrency = Math.max(options.connections ?? 0, ...catalog.map((e) => Math.max(e.load.closed.connections, e.load.open.maxConnections)));
  const target = await prepareTarget(options, maxConcurrency, (line) => progress.line(line));
  const replicaSkip = comparisons.includes(READ_REPLICA_ID) ? await readReplicaSkipReason(target) : null;
  if (replicaSkip) {
    comparisons = comparisons.filter((id) => id !== READ_REPLICA_ID);
    if (comparisons.length === 0) throw new UsageError(`${replicaSkip}; nothing else to run`);
    progress.line(replicaSkip);
    notices.push(`${replicaSkip}.`);
  }
  const replicaRuns: ReplicaRunFigures[] = [];
  for (const { driver, missing } of located.missing) progress.line(`${missing}: ${driver.name} skipped`);
  progress.line(`drivers: ${located.found.map((f) => `${f.driver.name} ${f.version}`).join(', ')}`);
  const abort = new AbortController();
  const warmupFixturesPath = join(tmpdir(), `perflab-${runId}-warmup-fixtures.json`);
  const scenarios: ScenarioRun[] = [];
  let calibration: CalibrationRun[] = [];
  const floors: Floor[] = [];
  let cacheBackend: 'redis' | 'in-process' = 'in-process';

  const assemble = (complete: boolean): Results => ({
    schemaVersion: RESULTS_SCHEMA_VERSION,
    run: {
      id: runId,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      complete,
      gitSha: gitSha(projectRoot),
      dirty: gitDirty(projectRoot),
      command,
      options: { drivers, defaultDriver: DEFAULT_DRIVER, durationSec: options.durationSec, warmupSec: options.warmupSec, repeat: options.repeat, connections: options.connections, rate: options.rate, quick: options.quick, target: target.baseUrl, dbLatencyMs: options.dbLatencyMs, cacheLatencyMs: options.cacheLatencyMs, instances: options.instances, aa: options.aa === true },
      host: describeHost({ ...target.services, cacheBackend }, located.found),
    },
    // rows sorted by table name: the order a report lists them in stays the same from run to run
    dataset: { ...target.fixtures.fingerprint, rows: Object.fromEntries(Object.entries(target.fixtures.fingerprint.rows).sort(([a], [b]) => a.localeCompare(b))), stateChecksum: target.fixtures.fingerprint.stateChecksum ?? null },
    calibration,
    scenarios,
    variants: aggregateVariants(scenarios, calibration),
    comparisons: summarizeComparisons(scenarios, { ...DEFAULT_VERDICT_POLICY, verdicts: !options.quick }),
    ...(options.floor ? { floors } : {}),
    notices: [...notices, ...replicaNotices(replicaRuns), ...cacheNotice(cacheBackend), ...instancesNotice(options.instances), ...(options.quick ? [QUICK_NO_VERDICT_NOTICE] : []), ...(options.aa ? [AA_NOTICE] : [])],
  });

  // Ctrl-C: stop the generator, keep the runs already complete (this step runs before the server stops)
  const unregister = onCleanup('partial report', async () => {
    abort.abort(new Error('interrupted'));
    // nothing measured yet: a report of zero runs would only leave an empty-looking folder behind
    if (scenarios.length === 0) return void process.stderr.write('\ninterrupted before any run completed: no report written\n');
    const files = await writeReports(dir, assemble(false));
    process.stderr.write(`\n${reportLine(`interrupted: partial report (${scenarios.length} complete runs) in`, files[1] ?? dir)}\n`);
  });

  try {
    cacheBackend = (await readServerStats(target.baseUrl, statsToken(target.fixtures))).cacheBackend;
    if (options.calibrate) {
      const calibrated = await runCalibration(target.baseUrl, options, located.found.filter((f) => drivers.includes(f.driver.name)), abort.signal, progress);
      calibration = calibrated.runs;
      notices.push(...calibrated.notices);
    } else {
      notices.push('Not calibrated (--no-calibrate): no no-op ceiling was measured, so no "of ceiling" share is shown.');
    }
    const plan = planRuns(comparisons, drivers, options.repeat);
    progress.plan(plan, options);
    const state = stateControl(options, target);
    notices.push(...stateNotices(options, target, state, comparisons));
    await writeFile(warmupFixturesPath, JSON.stringify(warmupFixtures(target.fixtures)));
    const context = { baseUrl: target.baseUrl, fixtures: target.fixtures, fixturesPath: target.fixturesPath, options, drivers: found, signal: abort.signal, progress, warmed: new Set<string>(), state, warmupFixturesPath, cacheUsers: new Set<string>(), replica: target.replica?.target ? { target: target.replica.target, runs: replicaRuns } : null };
    for (const [index, run] of plan.entries()) {
      scenarios.push(await executeRun(run, index, plan.length, context));
    }
    if (options.floor) floors.push(...(await measureFloors(comparisons, target, options, aggregateVariants(scenarios, calibration), progress, notices)));
    // leave the data set as seeded for whatever reads it next
    if (state.restore) await restoreAfterRuns(target.baseUrl, state, options.durationSec);
  } catch (error) {
    await rm(warmupFixturesPath, { force: true });
    if (abort.signal.aborted) throw error;
    unregister();
    notices.push(`The run stopped early: ${(error as Error).message}`);
    if (scenarios.length === 0) throw error;
    const files = await writeReports(dir, assemble(false));
    progress.line(reportLine(`partial report (${scenarios.length} complete runs) in`, files[1] ?? dir));
    throw error;
  }
  unregister();
  await rm(warmupFixturesPath, { force: true });

  const results = assemble(true);
  const files = await writeReports(dir, results);
  // an A/A run measures the method, not the code: it would read as a 1× ratio in the gate's trend
  if (!options.aa) await appendHistory(options.outDir, results);
  if (files.some((f) => f.endsWith('report.html'))) await addTrendToReport(join(dir, 'report.html'), options.outDir, results);
  const failed = results.scenarios.some((s) => s.thresholds.some((t) => !t.passed));
  return { dir, files, results, exitCode: failed ? 1 : 0 };
}

async function measureFloors(comparisons: readonly string[], target: Target, options: RunOptions, variants: VariantAggregate[], progress: ProgressReporter, notices: string[]): Promise<Floor[]> {
  if (!target.apiEnv) {
    notices.push('--floor needs an API perflab starts (it calls the optimized paths with the API\'s own settings): no floor was measured for --target.');
    return [];
  }
  const floors: Floor[] = [];
  for (const comparison of floorComparisons(comparisons)) {
    progress.line(`floor: ${comparison} (optimized path without HTTP)`);
    floors.push(await measureFloor(comparison, { apiEnv: target.apiEnv, fixtures: target.fixtures, seed: options.seed, connections: options.connections, warmupSec: Math.min(options.warmupSec, 1), durationSec: options.durationSec }, variants));
  }
  return floors;
}

/** "<what> <path>" within the terminal's 100 columns: the path relative when shorter, on lines of its own when long. */
function reportLine(what: string, path: string): string {
  const shown = displayPath(path, process.cwd());
  return what.length + 1 + shown.length <= TERMINAL_WIDTH ? `${what} ${shown}` : [what, ...breakPath(shown, TERMINAL_WIDTH, '  ')].join('\n');
}

function instancesNotice(instances: number): string[] {
  if (instances === 1) return [];
  return [`Each run was split across ${instances} generator processes (k6 execution segments, as k6-operator runs parallelism: ${instances}) and their samples merged: percentiles from the merged histograms, thresholds judged on the merged samples by perflab (k6 OSS judges each instance on its own slice only, grafana/k6-docs#102).`];
}

function cacheNotice(backend: 'redis' | 'in-process'): string[] {
  return backend === 'in-process' ? ['No Redis was available: the API cached in process memory, so cache figures are not those of a Redis deployment.'] : [];
}

/** The harness restores (and empties the cache of) only a stack it started; a user's REDIS_URL has no prefix of the API's own to flush. */
function stateControl(options: RunOptions, target: Target): StateControl {
  const owned = options.target === null;
  return {
    restore: owned,
    flushCache: owned && target.services.redis.source !== 'REDIS_URL',
    seededChecksum: owned ? (target.fixtures.fingerprint.stateChecksum ?? null) : null,
    token: harnessToken(target.fixtures),
  };
}

function stateNotices(options: RunOptions, target: Target, state: StateControl, comparisons: readonly string[]): string[] {
  const notices: string[] = [];
  if (!state.restore) notices.push(`--target ${target.baseUrl}: the harness did not restore the target's data or empty its cache between runs, so runs may not start from the same state.`);
  else if (!state.flushCache) notices.push("REDIS_URL is yours: the API's cache (no key prefix of its own) was not emptied between runs, so cache state carries over from run to run.");
  if (options.target === null && state.seededChecksum === null) notices.push('The data set predates state checksums: runs were restored but not checked against the seeded state (reload with `perflab seed --force`).');
  if (comparisons.includes('bulk-import')) notices.push('bulk-import: throughput and its ratio are rows durably imported per second (first write to last row committed, the job queue drained), not requests answered per second.');
  return notices;
}

async function restoreAfterRuns(baseUrl: string, state: StateControl, durationSec: number): Promise<void> {
  await drainImports(baseUrl, state.token, drainBoundSec(durationSec), 'after the last run');
  await resetState(baseUrl, state, state.flushCache, 'after the last run');
}
