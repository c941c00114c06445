import { computeDecay } from '../stats/compute-decay.ts';
import { catalogEntry } from '../../scenarios/catalog.ts';
import { expandRequests } from '../../scenarios/expand.ts';
import type { Fixtures } from '../../seed/fixtures-schema.ts';
import type { DriverOutput } from '../drivers/types.ts';
import type { LoadModel, ScenarioRun } from '../results/types.ts';
import { runDriver } from './run-driver.ts';
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
  signal: AbortSignal;
  progress: ProgressReporter;
  /** `driver/comparison/variant` keys already warmed up in this run. */
  warmed: Set<string>;
}

/**
 * One measured run: warm-up (discarded; once per driver, comparison and variant — later repeats
 * find JIT, pools and caches already warm), reset the server's counters, measure, read the
 * counters back. Both variants of a repeat draw the same request keys (same seed).
 */
export async function executeRun(run: PlannedRun, index: number, total: number, ctx: RunContext): Promise<ScenarioRun> {
  const { options, progress, signal } = ctx;
  const entry = catalogEntry(run.comparison);
  const model = loadModel(run, entry.load, options);
  const requests = expandRequests(entry, run.variant, ctx.fixtures, { count: REQUESTS_PER_RUN, seed: options.seed * 1000 + run.repeat });
  const call = { baseUrl: ctx.baseUrl, entry, variant: run.variant, requests, model, fixturesPath: ctx.fixturesPath, seed: options.seed + run.repeat };

  progress.start(run, index, total, options.durationSec);
  const warmKey = `${run.driver}/${run.comparison}/${run.variant}`;
  if (options.warmupSec > 0 && !ctx.warmed.has(warmKey)) {
    await runDriver(run.driver, { ...call, durationSec: options.warmupSec }, { signal });
    ctx.warmed.add(warmKey);
  }
  await resetServerStats(ctx.baseUrl, statsToken(ctx.fixtures));
  const output = await runDriver(run.driver, { ...call, durationSec: options.durationSec }, {
    signal,
    onTick: (tick) => progress.tick(tick.second + 1, tick.reqPerSec),
  });
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
    throughput: output.throughput,
    perSecond: output.perSecond,
    decay: computeDecay(output.perSecond),
    latencyMs: output.latencyMs,
    histogram: output.histogram,
    generator: output.generator,
    server,
    // SLOs gate the code you would ship: the naive side is expected to miss them
    thresholds: run.variant === 'optimized' ? thresholdsOf(run.driver, entry.thresholds, output) : [],
  };
}

function loadModel(run: PlannedRun, profile: { closed: { connections: number }; open: { rate: number; maxConnections: number } }, options: RunOptions): LoadModel {
  if (run.driver === 'k6') return { type: 'open', rate: options.rate ?? profile.open.rate, maxConnections: Math.max(options.connections ?? 0, profile.open.maxConnections) };
  if (options.rate !== null) return { type: 'open', rate: options.rate, maxConnections: options.connections ?? profile.open.maxConnections };
  return { type: 'closed', connections: options.connections ?? profile.closed.connections };
}

function thresholdsOf(driver: PlannedRun['driver'], thresholds: Record<string, string[]>, output: DriverOutput) {
  return driver === 'k6' ? output.thresholds : evaluateThresholds(thresholds, output);
}

function summaryLine(output: DriverOutput, queriesPerRequest: number | null): string {
  const parts = [
    `${Math.round(output.throughput).toLocaleString('en-US')} req/s`,
    `p95 ${output.latencyMs.p95.toFixed(2)} ms`,
    `${queriesPerRequest ?? '–'} q/req`,
  ];
  if (output.errors + output.non2xx > 0) parts.push(`${output.errors} errors, ${output.non2xx} non-2xx`);
  if (output.generator.reason) parts.push(`${output.generator.saturated ? 'generator-bound' : 'rate not held'}: ${output.generator.reason}`);
  return parts.join(' · ');
}
