import { computeDecay } from '../stats/compute-decay.ts';
import { catalogEntry } from '../../scenarios/catalog.ts';
import { expandRequests } from '../../scenarios/expand.ts';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import type { FoundDriver, ScenarioCall } from '../drivers/driver.ts';
import type { DriverName } from '../drivers/driver-names.ts';
import type { DriverOutput } from '../drivers/types.ts';
import type { ScenarioRun, ThresholdResult } from '../results/types.ts';
import { evaluateThresholds } from './evaluate-thresholds.ts';
import type { PlannedRun } from './plan.ts';
import type { ProgressReporter } from './progress.ts';
import type { RunOptions } from './run-options.ts';
import { readServerStats, resetServerStats, serverFigures, statsToken } from './server-stats.ts';

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
}

/**
 * One measured run: warm-up (discarded; once per driver, comparison and variant — later repeats
 * find JIT, pools and caches already warm), reset the server's counters, measure, read the
 * counters back. Warm-up happens here only: it is a call of the same driver for the warm-up
 * duration whose output is dropped. Both variants of a repeat draw the same request keys (same seed).
 */
export async function executeRun(run: PlannedRun, index: number, total: number, ctx: RunContext): Promise<ScenarioRun> {
  const { options, progress, signal } = ctx;
  const found = ctx.drivers.get(run.driver);
  if (!found) throw new Error(`the ${run.driver} driver was planned but not found for this run`);
  const entry = catalogEntry(run.comparison);
  const model = found.driver.loadModel(entry.load, options);
  const requests = expandRequests(entry, run.variant, ctx.fixtures, { count: REQUESTS_PER_RUN, seed: options.seed * 1000 + run.repeat });
  const call: ScenarioCall = { baseUrl: ctx.baseUrl, comparison: entry.id, variant: run.variant, requests, model, durationSec: options.durationSec, fixturesPath: ctx.fixturesPath, seed: options.seed + run.repeat, instances: options.instances };

  progress.start(run, index, total, options.durationSec);
  const warmKey = `${run.driver}/${run.comparison}/${run.variant}`;
  if (options.warmupSec > 0 && !ctx.warmed.has(warmKey)) {
    await found.run({ ...call, durationSec: options.warmupSec }, { signal });
    ctx.warmed.add(warmKey);
  }
  await resetServerStats(ctx.baseUrl, statsToken(ctx.fixtures));
  const output = await found.run(call, { signal, onTick: (tick) => progress.tick(tick.second + 1, tick.reqPerSec) });
  const server = serverFigures(await readServerStats(ctx.baseUrl, statsToken(ctx.fixtures)), run.comparison, run.variant);
  progress.done(summaryLine(output, server.queriesPerRequest));

  return {
    comparison: run.comparison,
    variant: run.variant,
    driver: run.driver,
    repeat: run.repeat,
    loadModel: model,
    durationSec: options.durationSec,
    warmupSec: options.warmupSec,
    requests: output.requests,
    errors: output.errors,
    non2xx: output.non2xx,
    succeeded: output.succeeded,
    failed: output.failed,
    statusClasses: output.statusClasses,
    failureRate: output.failureRate,
    throughput: output.throughput,
    perSecond: output.perSecond,
    decay: computeDecay(output.perSecond),
    latencyMs: output.latencyMs,
    histogram: output.histogram,
    failureHistogram: output.failureHistogram,
    generator: output.generator,
    server,
    // SLOs gate the code you would ship: the naive side is expected to miss them
    thresholds: run.variant === 'optimized' ? thresholdsOf(found, entry.thresholds, output) : [],
  };
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
