import type { DriverOutput } from '../drivers/types.ts';
import type { ScenarioRun } from '../results/types.ts';
import { computeDecay } from '../stats/compute-decay.ts';

/** What a run stores of its measured window as the generator saw it (the server's side is added by the caller). */
export type WindowFigures = Pick<
  ScenarioRun,
  | 'requests' | 'errors' | 'non2xx' | 'succeeded' | 'failed' | 'statusClasses' | 'failureRate' | 'throughput'
  | 'perSecond' | 'p95PerSecond' | 'decay' | 'latencyMs' | 'histogram' | 'failureHistogram' | 'generator'
>;

/** A driver's output as the figures of a stored run, one shape for catalog and `--target` runs. */
export function windowFigures(output: DriverOutput): WindowFigures {
  return {
    requests: output.requests,
    errors: output.errors,
    non2xx: output.non2xx,
    succeeded: output.succeeded,
    failed: output.failed,
    statusClasses: output.statusClasses,
    failureRate: output.failureRate,
    throughput: output.throughput,
    perSecond: output.perSecond,
    ...(output.p95PerSecond ? { p95PerSecond: output.p95PerSecond } : {}),
    decay: computeDecay(output.perSecond),
    latencyMs: output.latencyMs,
    histogram: output.histogram,
    failureHistogram: output.failureHistogram,
    generator: output.generator,
  };
}
