import type { FoundDriver } from '../drivers/driver.ts';
import type { CalibrationRun } from '../results/types.ts';
import type { ProgressReporter } from '../run/progress.ts';
import type { RunOptions } from '../run/run-options.ts';
import { calibrate } from './calibrate.ts';

/** Without --connections, the ceiling is taken at the catalog's highest closed-model concurrency. */
const CALIBRATION_CONNECTIONS = 16;

/**
 * The no-op route's ceiling at the run's own concurrency, so each endpoint reads as a share of it.
 * Only `drivers` (the ones the run uses) are measured: a share compares a driver with itself, so
 * wrk, a reference for `perflab calibrate`, would only add seconds here.
 */
export async function runCalibration(
  baseUrl: string,
  options: RunOptions,
  drivers: readonly FoundDriver[],
  signal: AbortSignal,
  progress: ProgressReporter,
): Promise<{ runs: CalibrationRun[]; notices: string[] }> {
  const result = await calibrate({
    baseUrl,
    durationSec: Math.min(options.durationSec, 3),
    warmupSec: 1,
    connections: options.connections ?? CALIBRATION_CONNECTIONS,
    drivers,
    wrk: false,
    signal,
    onStatus: (line) => progress.line(`calibration: ${line}`),
  });
  for (const run of result.runs) {
    progress.line(`calibration: GET /noop ${Math.round(run.throughput).toLocaleString('en-US')} req/s with ${run.driver} (generator ${run.generatorCpuCores.toFixed(2)} cores)`);
  }
  return result;
}
