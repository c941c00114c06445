import { median } from 'simple-statistics';
import { pairedRatioInterval } from '../stats/paired-ratio-interval.ts';
import type { MicroPairResult, MicroTaskResult } from '../results/types.ts';
import type { MicroPair } from './micro-suite.ts';

/** What one timed run of one task measured: tinybench's latency statistics plus the GC seen meanwhile. */
export interface TaskRepeat {
  /** Timed samples (tinybench samplesCount); each is the mean of `callsPerSample` calls. */
  samples: number;
  callsPerSample: number;
  meanMs: number;
  /** Sample variance of the per-call times, ms². */
  varianceMs2: number;
  p99Ms: number;
  gcCount: number;
  gcMs: number;
  /** Wall time of the timed run, ms. */
  elapsedMs: number;
  heapDeltaBytes: number;
}

const NS_PER_MS = 1e6;

/**
 * Folds the repeats of one task. The mean and its margin of error pool every sample exactly
 * (grand mean and the within- plus between-repeat sums of squares), so no sample array is kept.
 */
export function taskFigures(suite: string, task: string, repeats: readonly TaskRepeat[], minSamples: number): MicroTaskResult {
  const samples = repeats.reduce((sum, run) => sum + run.samples, 0);
  const calls = repeats.reduce((sum, run) => sum + run.samples * run.callsPerSample, 0);
  const meanMs = samples > 0 ? repeats.reduce((sum, run) => sum + run.samples * run.meanMs, 0) / samples : 0;
  const squares = repeats.reduce((sum, run) => sum + Math.max(run.samples - 1, 0) * run.varianceMs2 + run.samples * (run.meanMs - meanMs) ** 2, 0);
  const standardError = samples > 1 ? Math.sqrt(squares / (samples - 1) / samples) : 0;
  const elapsedMs = repeats.reduce((sum, run) => sum + run.elapsedMs, 0);
  const gcMs = repeats.reduce((sum, run) => sum + run.gcMs, 0);
  return {
    key: `${suite}/${task}`,
    suite,
    task,
    meanNs: meanMs * NS_PER_MS,
    p99Ns: repeats.length > 0 ? median(repeats.map((run) => run.p99Ms)) * NS_PER_MS : 0,
    samples: calls,
    callsPerSample: Math.max(...repeats.map((run) => run.callsPerSample), 1),
    rme: meanMs > 0 ? (100 * 1.96 * standardError) / meanMs : 0,
    hz: meanMs > 0 ? 1000 / meanMs : 0,
    repeatMeansNs: repeats.map((run) => run.meanMs * NS_PER_MS),
    enoughSamples: repeats.length > 0 && repeats.every((run) => run.samples * run.callsPerSample >= minSamples),
    gc: {
      count: repeats.reduce((sum, run) => sum + run.gcCount, 0),
      totalMs: gcMs,
      share: elapsedMs > 0 ? Math.min(gcMs / elapsedMs, 1) : 0,
      heapDeltaBytes: repeats.length > 0 ? median(repeats.map((run) => run.heapDeltaBytes)) : 0,
    },
  };
}

/**
 * baseline/candidate mean time over the interleaved repeats (> 1: candidate faster). The repeats
 * are the independent samples, paired by index as they ran back to back; the interval is
 * pairedRatioInterval's (Student t on the mean log ratio) with the arguments swapped, as for any
 * "lower is better" figure.
 */
export function pairFigures(suite: string, pair: MicroPair, tasks: readonly MicroTaskResult[]): MicroPairResult {
  const means = (name: string) => tasks.find((task) => task.suite === suite && task.task === name)?.repeatMeansNs ?? [];
  return {
    key: `${suite}/${pair.baseline}-vs-${pair.candidate}`,
    suite,
    baseline: pair.baseline,
    candidate: pair.candidate,
    speedup: pairedRatioInterval(means(pair.candidate), means(pair.baseline)),
  };
}
