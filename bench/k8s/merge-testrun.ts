import { mergeFigures } from '../drivers/k6-merge.ts';
import { assessSaturation } from '../drivers/saturation.ts';
import type { DriverOutput } from '../drivers/types.ts';
import type { ScenarioRun, Variant } from '../results/types.ts';
import { evaluateThresholds } from '../run/evaluate-thresholds.ts';
import { computeDecay } from '../stats/compute-decay.ts';
import { catalogEntry } from '../../scenarios/catalog.ts';
import { podCsvFigures } from './pod-csv.ts';

/** What a TestRun written by `perflab k8s` says about the test, read back from its `-e` arguments. */
export interface TestRunFacts {
  comparison: string;
  variant: Variant;
  baseUrl: string;
  rate: number;
  maxVus: number;
  durationSec: number;
  warmupSec: number;
  parallelism: number;
}

/** Reads a TestRun manifest (parsed JSON) back into its facts; a manifest `perflab k8s` did not write is refused. */
export function testRunFacts(manifest: unknown): TestRunFacts {
  const spec = (manifest as { kind?: string; spec?: { arguments?: string; parallelism?: number } }).spec;
  if ((manifest as { kind?: string }).kind !== 'TestRun' || typeof spec?.arguments !== 'string') throw new Error('not a k6-operator TestRun with spec.arguments');
  const tokens = spec.arguments.split(/\s+/);
  const env = Object.fromEntries(tokens.flatMap((t, i) => (tokens[i - 1] === '-e' && t.includes('=') ? [[t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]] : [])));
  const number = (key: string) => {
    const value = Number(env[key]);
    if (!Number.isFinite(value)) throw new Error(`the TestRun's arguments lack -e ${key}=<number>`);
    return value;
  };
  const variant = env.VARIANT;
  if (variant !== 'naive' && variant !== 'optimized') throw new Error("the TestRun's arguments lack -e VARIANT=naive|optimized");
  catalogEntry(env.COMPARISON ?? '');
  return { comparison: env.COMPARISON as string, variant, baseUrl: env.BASE_URL ?? '', rate: number('RATE'), maxVus: number('MAX_VUS'), durationSec: number('DURATION'), warmupSec: number('WARMUP'), parallelism: spec.parallelism ?? 1 };
}

/**
 * One ScenarioRun from the pods of one TestRun: their samples merged as `--instances` merges
 * local ones, thresholds judged by perflab on the merged samples (each pod's k6 judged only its
 * slice). No server counters (the API is in the cluster) and no generator CPU (the pods' own).
 */
export function mergeTestRun(facts: TestRunFacts, podLogs: readonly string[], repeat: number): ScenarioRun {
  if (podLogs.length !== facts.parallelism) throw new Error(`${podLogs.length} pod log(s) for parallelism ${facts.parallelism}: every segment's samples are needed`);
  const pods = podLogs.map((log) => podCsvFigures(log, facts.durationSec));
  const figures = mergeFigures(pods.map((p) => p.figures), facts.durationSec);
  const droppedIterations = pods.reduce((n, p) => n + p.droppedIterations, 0);
  const deliveredRate = (figures.succeeded + figures.failed) / facts.durationSec;
  const saturation = assessSaturation({ cpuCores: 0, offeredRate: facts.rate, deliveredRate, droppedIterations });
  const exhausted = droppedIterations > 0 ? `k6 ran out of VUs (${droppedIterations} iterations dropped): latencies omit the queue` : null;
  const generator = { cpuCores: 0, offeredRate: facts.rate, deliveredRate, droppedIterations, vusExhausted: droppedIterations > 0, ...saturation, reason: [saturation.reason, exhausted].filter(Boolean).join('; ') || null };
  const output: DriverOutput = { ...figures, latencyNote: '', generator, thresholds: [] };
  const entry = catalogEntry(facts.comparison);
  const thresholds = facts.variant === 'optimized' ? evaluateThresholds(entry.thresholds, output).map((t) => ({ ...t, metric: `${t.metric}{scenario:measure}` })) : [];
  return {
    comparison: facts.comparison,
    variant: facts.variant,
    driver: 'k6',
    repeat,
    loadModel: { type: 'open', rate: facts.rate, maxConnections: facts.maxVus },
    durationSec: facts.durationSec,
    warmupSec: facts.warmupSec,
    requests: figures.requests,
    errors: figures.errors,
    non2xx: figures.non2xx,
    succeeded: figures.succeeded,
    failed: figures.failed,
    statusClasses: figures.statusClasses,
    failureRate: figures.failureRate,
    throughput: figures.throughput,
    perSecond: figures.perSecond,
    decay: computeDecay(figures.perSecond),
    latencyMs: figures.latencyMs,
    histogram: figures.histogram,
    failureHistogram: figures.failureHistogram,
    generator,
    server: { queriesPerRequest: null, bytesPerResponse: null, cacheHitRatio: null, cacheErrors: null },
    // the cluster's data set is not seen from here: no checksum of the measured state
    datasetChecksum: null,
    imports: null,
    thresholds,
  };
}
