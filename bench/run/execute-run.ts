import { catalogEntry } from '../../scenarios/catalog.ts';
import { expandRequests, warmupFixtures, warmupSeed } from '../../scenarios/expand.ts';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import type { FoundDriver, ScenarioCall } from '../drivers/driver.ts';
import type { DriverName } from '../drivers/driver-names.ts';
import type { DriverOutput } from '../drivers/types.ts';
import type { ScenarioRun, ThresholdResult, Variant } from '../results/types.ts';
import { evaluateThresholds } from './evaluate-thresholds.ts';
import type { PlannedRun } from './plan.ts';
import type { ProgressReporter } from './progress.ts';
import type { RunOptions } from './run-options.ts';
import { deferredFromStats, drainBoundSec, drainImports, importFigures, resetState, type ImportWindow, type StateControl } from './run-state.ts';
import { windowFigures } from './window-figures.ts';
import { readServerStats, resetServerStats, serverFigures, statsToken } from './server-stats.ts';
import { READ_REPLICA_ID } from '../env/replica-skip.ts';
import { replicaRunLine } from '../env/replica-report.ts';
import { watchReplica, type ReplicaRunFigures, type ReplicaTarget } from '../env/replica-watch.ts';

/** How many requests are drawn per run; drivers cycle through them. */
const REQUESTS_PER_RUN = 2000;

export interface RunContext {
  baseUrl: string;
  fixtures: Fixtures;
  fixturesPath: string;
  options: RunOptions;
  /** The drivers found once for this run, by name. */
  drivers: ReadonlyMap<DriverName, FoundDriver>;
  signal: AbortSignal;
  progress: ProgressReporter;
  /** `driver/comparison/variant` keys already warmed up in this run. */
  warmed: Set<string>;
  /** What the harness may do to the target's data and cache between runs. */
  state: StateControl;
  /** The warm-up's fixtures file (cold ids removed) for generators that draw their own keys (k6). */
  warmupFixturesPath: string;
  /** `driver/comparison/variant` keys whose runs used the cache: emptied before each run, so warmed again each run. */
  cacheUsers: Set<string>;
  /** The standby read-replica runs are watched against (lag, work per server), and where their figures go. */
  replica?: { target: ReplicaTarget; runs: ReplicaRunFigures[] } | null;
}

/**
 * One measured run, every one from the same state: the target's write comparisons undone and its
 * cache emptied, a warm-up drawn from its own key stream (the first of each driver, comparison and
 * variant lasts --warmup; later ones re-fill an emptied cache for 1 s), the rows the warm-up wrote
 * undone again and the checksum of that state checked and recorded, the counters reset, the window
 * measured, the import queue drained, the counters read back. Both variants of a repeat draw the
 * same measured keys (same seed).
 */
export async function executeRun(run: PlannedRun, index: number, total: number, ctx: RunContext): Promise<ScenarioRun> {
  const { options, progress, signal } = ctx;
  const found = ctx.drivers.get(run.driver);
  if (!found) throw new Error(`the ${run.driver} driver was planned but not found for this run`);
  const entry = catalogEntry(run.comparison);
  const model = found.driver.loadModel(entry.load, options);
  const route = routeVariant(run, options);
  const requests = expandRequests(entry, route, ctx.fixtures, { count: REQUESTS_PER_RUN, seed: options.seed * 1000 + run.repeat });
  const call: ScenarioCall = { baseUrl: ctx.baseUrl, comparison: entry.id, variant: route, requests, model, durationSec: options.durationSec, fixturesPath: ctx.fixturesPath, seed: options.seed + run.repeat, instances: options.instances };

  progress.start(run, index, total, options.durationSec);
  const datasetChecksum = await prepareWindow(run, call, found, ctx);
  await resetServerStats(ctx.baseUrl, statsToken(ctx.fixtures));
  const replicaWatch = run.comparison === READ_REPLICA_ID && ctx.replica ? await watchReplica(ctx.replica.target) : null;
  const output = await found.run(call, { signal, onTick: (tick) => progress.tick(tick.second + 1, tick.reqPerSec) });
  const snapshotServed = async () => (await readServerStats(ctx.baseUrl, statsToken(ctx.fixtures))).comparisons[run.comparison]?.[run.variant]?.requests ?? output.requests;
  const replicaFigures = replicaWatch ? await replicaWatch.stop(await snapshotServed()) : null;
  if (replicaFigures) ctx.replica!.runs.push({ variant: run.variant, repeat: run.repeat, ...replicaFigures });
  const drained = await drainImports(ctx.baseUrl, ctx.state.token, drainBoundSec(options.durationSec), run.comparison);
  const snapshot = await readServerStats(ctx.baseUrl, statsToken(ctx.fixtures));
  const server = serverFigures(snapshot, run.comparison, route);
  if (server.cacheHitRatio !== null) ctx.cacheUsers.add(warmKey(run));
  const imports =
    run.comparison === 'bulk-import' && drained.window
      ? importFiguresOf(drained.window, output, drained.waitedSec, snapshot.comparisons[run.comparison]?.[route])
      : null;
  progress.done(summaryLine(output, server.queriesPerRequest) + (replicaFigures ? ` · ${replicaRunLine(replicaFigures)}` : '') + (imports ? ` · ${imports.rowsPerSec.toLocaleString('en-US')} rows/s, drained in ${imports.drainSec} s` : ''));

  return {
    comparison: run.comparison,
    variant: run.variant,
    driver: run.driver,
    repeat: run.repeat,
    loadModel: model,
    durationSec: options.durationSec,
    warmupSec: options.warmupSec,
    ...windowFigures(output),
    // bulk-import: a 202 is not an import; its headline figure is rows durably imported per second
    throughput: imports ? imports.rowsPerSec : output.throughput,
    server,
    datasetChecksum,
    imports,
    // SLOs gate the code you would ship: the naive side is expected to miss them
    thresholds: run.variant === 'optimized' ? thresholdsOf(found, entry.thresholds, output) : [],
  };
}

/** Per request the server answered (requests a generator stopped waiting for still queued jobs). */
function importFiguresOf(window: ImportWindow, output: DriverOutput, drainSec: number, variantStats: { requests: number } | undefined): ScenarioRun['imports'] {
  const served = variantStats?.requests ?? output.requests;
  return importFigures(window, served, output.throughput, drainSec, deferredFromStats(variantStats, served));
}

/** The path a run's requests go to: its own variant's, or the optimized one on both sides of an A/A run (`--aa`). */
export function routeVariant(run: Pick<PlannedRun, 'variant'>, options: Pick<RunOptions, 'aa'>): Variant {
  return options.aa ? 'optimized' : run.variant;
}

function warmKey(run: PlannedRun): string {
  return `${run.driver}/${run.comparison}/${run.variant}`;
}

/**
 * Before the window: restore (cache emptied when it is the harness's; the queue drained first only
 * when jobs are pending), warm up from the warm-up stream, then restore again what the warm-up
 * wrote. The target rescans its written tables only when a transaction wrote since its last
 * checksum (see reference-server/state/verified-state.ts). Returns the checksum of the state the
 * window starts from (checked against the seeded one), or null when the target is not the harness's.
 */
async function prepareWindow(run: PlannedRun, call: ScenarioCall, found: FoundDriver, ctx: RunContext): Promise<string | null> {
  const { options, state } = ctx;
  const what = `${run.comparison} ${run.variant} #${run.repeat}`;
  const bound = drainBoundSec(options.durationSec);
  let checksum: string | null = null;
  if (state.restore) checksum = await resetState(ctx.baseUrl, state, state.flushCache, what, bound);
  const key = warmKey(run);
  const warmupSec = !ctx.warmed.has(key) ? options.warmupSec : ctx.cacheUsers.has(key) && state.flushCache ? Math.min(1, options.warmupSec) : 0;
  if (warmupSec === 0) return checksum;
  await found.run(warmupCall(run, call, ctx, warmupSec), { signal: ctx.signal });
  ctx.warmed.add(key);
  if (!state.restore) return null;
  return resetState(ctx.baseUrl, state, false, what, bound);
}

/** The warm-up: same load, its own key stream, and no cold id the measured window means to miss. */
function warmupCall(run: PlannedRun, call: ScenarioCall, ctx: RunContext, durationSec: number): ScenarioCall {
  const entry = catalogEntry(run.comparison);
  const seed = warmupSeed(call.seed ?? 0);
  const requests = expandRequests(entry, routeVariant(run, ctx.options), warmupFixtures(ctx.fixtures), { count: REQUESTS_PER_RUN, seed });
  return { ...call, requests, seed, durationSec, fixturesPath: ctx.warmupFixturesPath };
}

/** The driver's own verdicts when it evaluates thresholds itself, else the harness checks its figures. */
function thresholdsOf(found: FoundDriver, thresholds: Record<string, string[]>, output: DriverOutput): ThresholdResult[] {
  return found.driver.evaluatesThresholds === 'self' ? output.thresholds : evaluateThresholds(thresholds, output);
}

function summaryLine(output: DriverOutput, queriesPerRequest: number | null): string {
  const parts = [
    `${Math.round(output.throughput).toLocaleString('en-US')} req/s`,
    `p95 ${output.latencyMs.p95.toFixed(2)} ms`,
    `${queriesPerRequest ?? '–'} q/req`,
  ];
  if (output.failed > 0) {
    const classes = Object.entries(output.statusClasses).filter(([kind, n]) => kind !== '2xx' && n > 0);
    parts.push(`${output.failed} failed (${classes.map(([kind, n]) => `${n} ${kind}`).join(', ')}; ${(100 * (output.failureRate ?? 0)).toFixed(1)}%)`);
  }
  const { generator } = output;
  if (generator.reason) parts.push(`${generator.saturated ? 'generator-bound' : generator.rateHeld === false ? 'rate not held' : 'generator'}: ${generator.reason}`);
  return parts.join(' · ');
}
