import type { FoundDriver, ScenarioCall } from '../drivers/driver.ts';
import type { DriverOutput, LoadModel } from '../drivers/types.ts';
import type { StepResult } from './step-result.ts';

/**
 * Builds the call for one window of one scenario under a given load model: the only thing the
 * capacity runner needs to know about the API, so another API needs only another factory.
 */
export type ScenarioCallFactory = (model: LoadModel, durationSec: number) => ScenarioCall;

/** Optional server-side figures: database time per request over the measured window. */
export interface ServerDbTime {
  reset(): Promise<void>;
  /** Mean db ms per request since the last reset; null when the server does not say. */
  read(): Promise<number | null>;
}

export interface StepRunnerOptions {
  found: FoundDriver;
  callFor: ScenarioCallFactory;
  stepSec: number;
  /** Discarded seconds of the same load before each measured window. */
  warmupSec: number;
  /** Connections the open model may hold: enough for the rate at the SLO latency (Little's law), at least `minConnections`. */
  minConnections: number;
  sloMs: number;
  dbTime?: ServerDbTime;
  signal?: AbortSignal;
}

/** Connections an open-model step needs so the cap is not what limits it: 2 × rate × SLO latency, bounded. */
export function connectionsFor(rate: number, sloMs: number, minConnections: number): number {
  return Math.min(1000, Math.max(minConnections, Math.ceil((2 * rate * sloMs) / 1000)));
}

/** One open-model step at `rate`: warm-up (discarded), then the measured window. */
export async function measureOpenStep(options: StepRunnerOptions, rate: number): Promise<StepResult> {
  const { found, callFor, signal } = options;
  const model: LoadModel = { type: 'open', rate, maxConnections: connectionsFor(rate, options.sloMs, options.minConnections) };
  if (options.warmupSec > 0) await found.run(callFor(model, options.warmupSec), { signal });
  await options.dbTime?.reset();
  const output = await found.run(callFor(model, options.stepSec), { signal });
  return toStepResult(output, rate, (await options.dbTime?.read()) ?? null);
}

/** One closed-model window with `connections` clients (warm-up is the caller's choice). */
export async function measureClosedStep(found: FoundDriver, callFor: ScenarioCallFactory, connections: number, durationSec: number, signal?: AbortSignal): Promise<DriverOutput> {
  return found.run(callFor({ type: 'closed', connections }, durationSec), { signal });
}

/** A driver's window as the search judges it. */
export function toStepResult(output: DriverOutput, rate: number, dbMsPerRequest: number | null): StepResult {
  const { generator } = output;
  return {
    offeredRate: generator.offeredRate ?? rate,
    deliveredRate: generator.deliveredRate,
    throughput: output.throughput,
    succeeded: output.succeeded,
    failed: output.failed,
    failureRate: output.failureRate,
    latencyMs: { p50: output.latencyMs.p50, p95: output.latencyMs.p95, p99: output.latencyMs.p99, mean: output.latencyMs.mean },
    droppedIterations: generator.droppedIterations,
    generatorSaturated: generator.saturated,
    generatorReason: generator.reason,
    dbMsPerRequest,
  };
}
