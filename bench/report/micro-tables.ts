import { formatBytes, formatPercent, formatRatio } from './format-figures.ts';
import type { MicroPairResult, MicroSection, MicroTaskResult } from '../results/types.ts';

/** A table as header and rows of text cells; each renderer escapes and lays it out its own way. */
export interface TextTable {
  head: string[];
  rows: string[][];
}

/** Nanoseconds in the unit that reads best: 812 ns, 3.41 µs, 1.27 ms. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  if (ns < 1_000) return `${Math.round(ns)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toPrecision(3)} µs`;
  return `${(ns / 1_000_000).toPrecision(3)} ms`;
}

/** "2.31× [2.05×, 2.60×] faster" from a stored speedup; "1.02× [0.97×, 1.08×] no difference shown" when the interval holds 1. */
export function speedupText(pair: MicroPairResult): string {
  const { estimate, ci95 } = pair.speedup;
  if (estimate === null) return 'no ratio (no usable repeat)';
  const interval = ci95 ? ` [${formatRatio(ci95[0])}, ${formatRatio(ci95[1])}]` : ' (no interval: < 3 repeats)';
  const reading = !ci95 ? '' : ci95[0] > 1 ? ': candidate faster' : ci95[1] < 1 ? ': candidate slower' : ': no difference shown';
  return `${formatRatio(estimate)}${interval}${reading}`;
}

/** Per pair: which task against which, and the stored speedup with its interval. */
export function microPairTable(micro: MicroSection): TextTable {
  const mean = (pair: MicroPairResult, task: string) => formatNs(micro.tasks.find((t) => t.suite === pair.suite && t.task === task)?.meanNs ?? Number.NaN);
  return {
    head: ['suite', 'baseline → candidate', 'mean baseline → candidate', 'speed-up [95% CI]'],
    rows: micro.pairs.map((pair) => [pair.suite, `${pair.baseline} → ${pair.candidate}`, `${mean(pair, pair.baseline)} → ${mean(pair, pair.candidate)}`, speedupText(pair)]),
  };
}

/** Per task: the stored figures, with a flag when a repeat timed too few calls. */
export function microTaskTable(micro: MicroSection): TextTable {
  return {
    head: ['task', 'mean', 'p99', 'ops/s', '± rme', 'samples', 'GC (count, share)', 'heap Δ'],
    rows: micro.tasks.map((task) => [
      task.key,
      formatNs(task.meanNs),
      formatNs(task.p99Ns),
      Math.round(task.hz).toLocaleString('en-US'),
      `${task.rme.toFixed(1)}%`,
      `${task.samples.toLocaleString('en-US')}${task.enoughSamples ? '' : ' ⚠ few'}`,
      `${task.gc.count}, ${formatPercent(task.gc.share)}`,
      heapDelta(task),
    ]),
  };
}

/** How the figures were taken, in one sentence. */
export function microMethodText(micro: MicroSection): string {
  const { options } = micro;
  return `tinybench, ${options.repeats} interleaved repeats per task of ${options.timeMs} ms after ${options.warmupMs} ms warm-up; every result written to a sink the runner checks; ${
    options.gcExposed ? 'a full collection forced before each run' : 'no collection forced (gc not exposed)'
  }. Speed-up = baseline mean / candidate mean (> 1: candidate faster), 95% Student-t interval on the per-repeat log ratios.`;
}

function heapDelta(task: MicroTaskResult): string {
  const bytes = task.gc.heapDeltaBytes;
  return `${bytes < 0 ? '−' : ''}${formatBytes(Math.abs(bytes))}`;
}
