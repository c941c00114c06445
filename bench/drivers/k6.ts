import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { K6CsvAggregator } from './k6-csv.ts';
import { emptyThresholds, measuredRequests, thresholdsFromSummary, type K6Summary } from './k6-summary.ts';
import { assessSaturation } from './saturation.ts';
import type { DriverHooks, DriverOutput, LoadModel } from './types.ts';
import { errorLines, K6Error, spawnK6 } from './k6-process.ts';
import { combineTicks, mergeFigures } from './k6-merge.ts';
import { MERGED_THRESHOLDS_NOTE, mergedThresholds } from './k6-merge-thresholds.ts';
import { segmentFlags } from './k6-segments.ts';
import type { OutcomeFigures } from './outcome-tally.ts';

export interface K6Input {
  baseUrl: string;
  comparison: string;
  variant: 'naive' | 'optimized';
  model: LoadModel;
  durationSec: number;
  /** The seeder's fixtures file (the catalog scripts need it; `noop` does not). */
  fixturesPath?: string;
  seed?: number;
  /** Extra thresholds, used as written (not scoped to the measured scenario). */
  thresholds?: Record<string, string[]>;
  /** Defaults to `scenarios/k6/comparison.ts` (run with `-e COMPARISON=<comparison>`). */
  script?: string;
  /** Keep k6's summary JSON here (default: a temp file, removed); instance i of several writes `<name>-<i>.json`. */
  summaryPath?: string;
  /** The binary the k6 driver's find() located once for the whole run. */
  k6Bin: string;
  /** k6 processes splitting the test by execution segments (default 1: the whole test in one). */
  instances?: number;
}

export { K6Error };

/** k6's documented exit code for "thresholds were crossed": a verdict, not a crash. */
export const K6_THRESHOLDS_FAILED = 99;
const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/k6/', import.meta.url));

/**
 * Runs `scenarios/k6/comparison.ts -e COMPARISON=<comparison>` with k6 for one measured window (the
 * script's own warm-up scenario, meant for `k6 run` by hand, is switched off) and folds its results into a DriverOutput:
 * outcomes per status class, per-second successes and µs HDR histograms (successes and failures
 * apart) from its CSV stream (read through a pipe, constant memory), the k6
 * process's CPU from /proc, thresholds from the summary. Exit code 99 = thresholds failed.
 * With `instances` > 1, that many k6 processes each run one execution segment of the same test
 * (what k6-operator's pods run) and their samples are merged: see `k6-merge.ts`.
 */
export async function runK6(input: K6Input, hooks: DriverHooks = {}): Promise<DriverOutput> {
  const { signal, onTick } = hooks;
  signal?.throwIfAborted();
  const instances = input.instances ?? 1;
  const tempDir = await mkdtemp(join(tmpdir(), 'perflab-k6-'));
  // one instance failing stops the others: a partial slice is no result
  const stopAll = new AbortController();
  const abortAll = () => stopAll.abort(signal?.reason);
  signal?.addEventListener('abort', abortAll, { once: true });
  try {
    const tick = combineTicks(instances, onTick);
    const parts = await Promise.all(
      Array.from({ length: instances }, (_, index) =>
        runInstance(input, index, tempDir, tick(index), stopAll.signal).catch((error: unknown) => {
          if (!stopAll.signal.aborted) stopAll.abort(error);
          throw stopAll.signal.reason;
        }),
      ),
    );
    const summaries = parts.map((p) => p.summary);
    if (summaries.reduce((n, s) => n + measuredRequests(s), 0) === 0) {
      throw new K6Error(`no request completed in the ${input.durationSec} s measured window: the server is down or far too slow for this load`);
    }
    // an instance's slice may be empty where the whole is not: only a threshold empty everywhere is empty
    const empty = emptyThresholds(summaries[0] as K6Summary).filter((key) => summaries.every((s) => emptyThresholds(s).includes(key)));
    if (empty.length) {
      throw new K6Error(`threshold(s) matched no samples, so k6 would pass them silently (grafana/k6#1526): ${empty.join(', ')} — check the metric and tag names`);
    }
    const figures = instances === 1 ? (parts[0] as InstanceResult).figures : mergeFigures(parts.map((p) => p.figures), input.durationSec);
    const offeredRate = input.model.type === 'open' ? input.model.rate : null;
    const deliveredRate = (figures.succeeded + figures.failed) / input.durationSec;
    const droppedIterations = parts.reduce((n, p) => n + p.droppedIterations, 0);
    // local instances share this host: their CPU adds up
    const cpuCores = parts.reduce((n, p) => n + p.cpuCores, 0);
    const saturation = assessSaturation({ cpuCores, offeredRate, deliveredRate, droppedIterations });
    // k6 skips an arrival it has no free VU for: that request's wait is in no latency
    const vusExhausted = offeredRate === null ? null : droppedIterations > 0 || parts.some((p) => p.insufficientVus);
    const exhausted = vusExhausted ? `k6 ran out of VUs (${droppedIterations} iterations dropped): latencies omit the queue` : null;
    const split = instances > 1 ? `; ${instances} k6 instances over execution segments, histograms merged; ${MERGED_THRESHOLDS_NOTE}` : '';
    return {
      ...figures,
      latencyNote: `k6 ${input.model.type === 'open' ? 'constant-arrival-rate (open model, no coordinated omission while VUs last)' : 'constant-vus (closed model)'}: µs HDR of the measure scenario's 2xx http_req_duration samples from its CSV stream; arrivals without a free VU are dropped_iterations, not latency${split}`,
      generator: { cpuCores, offeredRate, deliveredRate, droppedIterations, vusExhausted, ...saturation, reason: [saturation.reason, exhausted].filter(Boolean).join('; ') || null },
      thresholds: instances === 1 ? thresholdsFromSummary(summaries[0] as K6Summary) : mergedThresholds(summaries, figures),
    };
  } finally {
    signal?.removeEventListener('abort', abortAll);
    await rm(tempDir, { recursive: true, force: true });
  }
}

interface InstanceResult {
  figures: OutcomeFigures;
  droppedIterations: number;
  cpuCores: number;
  insufficientVus: boolean;
  summary: K6Summary;
}

/** One k6 process: the whole test, or execution segment `index` of `input.instances`. */
async function runInstance(input: K6Input, index: number, tempDir: string, onTick: DriverHooks['onTick'], signal: AbortSignal): Promise<InstanceResult> {
  const instances = input.instances ?? 1;
  const summaryPath = !input.summaryPath ? join(tempDir, `summary-${index}.json`) : instances === 1 ? input.summaryPath : input.summaryPath.replace(/(\.json)?$/, `-${index}$1`);
  // k6 streams its samples into a FIFO we read line by line: no CSV file grows on disk.
  const fifo = join(tempDir, `samples-${index}.csv`);
  execFileSync('mkfifo', [fifo]);
  const csv = new K6CsvAggregator(input.durationSec, onTick);
  const args = k6Args(input, summaryPath, fifo, segmentFlags(index, instances));
  const { code, stderr, cpuCores, insufficientVus } = await spawnK6(input.k6Bin, args, csv, fifo, signal);
  const which = instances > 1 ? `k6 instance ${index + 1}/${instances}` : 'k6';
  if (code !== 0 && code !== K6_THRESHOLDS_FAILED) throw new K6Error(`${which} exited with code ${code}: ${errorLines(stderr)}`);
  const summary = JSON.parse(await readFile(summaryPath, 'utf8')) as K6Summary;
  return { figures: csv.figures(), droppedIterations: csv.droppedIterations, cpuCores, insufficientVus, summary };
}

function k6Args(input: K6Input, summaryPath: string, fifo: string, segment: string[]): string[] {
  const env: Record<string, string | number | undefined> = {
    COMPARISON: input.comparison,
    BASE_URL: input.baseUrl,
    VARIANT: input.variant,
    MODEL: input.model.type,
    DURATION: input.durationSec,
    // warm-up is the orchestrator's separate, discarded call
    WARMUP: 0,
    FIXTURES: input.fixturesPath,
    SUMMARY_PATH: summaryPath,
    SEED: input.seed,
    ...(input.model.type === 'open' ? { RATE: input.model.rate, MAX_VUS: input.model.maxConnections } : { VUS: input.model.connections }),
    ...(input.thresholds ? { THRESHOLDS: JSON.stringify(input.thresholds) } : {}),
  };
  const envFlags = Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : ['-e', `${k}=${v}`]));
  // calibration's `noop` is no catalog comparison: it has a script of its own
  const script = input.script ?? join(SCENARIOS_DIR, input.comparison === 'noop' ? 'noop.ts' : 'comparison.ts');
  return ['run', '--quiet', '--no-color', ...segment, '--out', `csv=fileName=${fifo},timeFormat=unix_milli`, ...envFlags, script];
}
