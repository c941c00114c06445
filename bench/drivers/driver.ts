import type { LoadProfile, RequestSpec, Variant } from '../../scenarios/types.ts';
import type { DriverName } from './driver-names.ts';
import type { DriverHooks, DriverOutput, LoadModel } from './types.ts';

export type { DriverHooks, DriverName, DriverOutput, LoadModel, LoadProfile };

/** `--connections` / `--rate` as given (null: not given, the catalog decides). */
export interface LoadOverrides {
  connections: number | null;
  rate: number | null;
}

/** One measured window of one scenario, as the orchestrator hands it to a found driver. */
export interface ScenarioCall {
  baseUrl: string;
  /** Catalog id (k6 runs `scenarios/k6/<id>.ts`); `noop` for calibration. */
  comparison: string;
  variant: Variant;
  /** Pre-expanded requests, for generators that replay a list (autocannon); k6 scripts build their own. */
  requests: RequestSpec[];
  model: LoadModel;
  durationSec: number;
  /** The seeder's fixtures file (k6 catalog scripts read it). */
  fixturesPath?: string;
  seed?: number;
  /** Generator processes that split this one window between them (default 1); at most the driver's `maxInstances`. */
  instances?: number;
}

/** The most `--instances` any driver is asked for: beyond a handful of local processes the host, not the API, is measured. */
export const MAX_INSTANCES = 16;

/**
 * A load generator: one object per file, listed in `registry.ts` (after fastify/benchmarks'
 * contender list and hono's RouterInterface). The orchestrator calls `find()` once per run, then
 * only talks to what it returned; it never asks which driver it holds.
 */
export interface Driver {
  readonly name: DriverName;
  /**
   * Who checks the catalog thresholds: `self` = the generator evaluates them and returns them in
   * `DriverOutput.thresholds` (k6); `harness` = `bench/run/evaluate-thresholds.ts` checks them
   * against the driver's figures (autocannon).
   */
  readonly evaluatesThresholds: 'self' | 'harness';
  /**
   * How many processes this generator can split one scenario across (`--instances`), merging
   * their samples into one output; absent: one process only, and `--instances` > 1 is refused.
   */
  readonly maxInstances?: number;
  /** Locates the generator and reads its version, or says in one line why it cannot run. */
  find(): Promise<FoundDriver | MissingDriver>;
  /** The load model this generator applies to a comparison, given the catalog profile and the flags. */
  loadModel(profile: LoadProfile, overrides: LoadOverrides): LoadModel;
}

/** A located driver: the only thing that can run load, so nothing locates a generator twice. */
export interface FoundDriver {
  readonly driver: Driver;
  /** e.g. `v1.8.1` (k6) or `9.0.0` (autocannon's package); recorded in the results' host info. */
  readonly version: string;
  /**
   * Runs ONE measured window and resolves with its figures. No warm-up inside: the orchestrator
   * warms up by calling `run` with the warm-up duration and discarding the result. Aborting
   * `hooks.signal` kills the generator and rejects with the signal's reason.
   */
  run(call: ScenarioCall, hooks?: DriverHooks): Promise<DriverOutput>;
}

/** A driver whose generator is absent: `missing` is the one line the user sees. */
export interface MissingDriver {
  readonly driver: Driver;
  readonly missing: string;
}

/** Narrows a `find()` result. */
export function isFound(result: FoundDriver | MissingDriver): result is FoundDriver {
  return 'run' in result;
}
