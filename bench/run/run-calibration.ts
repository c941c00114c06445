import { runAutocannon } from '../drivers/autocannon.ts';
import type { CalibrationRun, DriverName } from '../results/types.ts';
import type { ProgressReporter } from './progress.ts';
import type { RunOptions } from './run-options.ts';

/** The no-op route's ceiling with the run's own load, so each endpoint reads as a share of it. */
export async function runCalibration(baseUrl: string, drivers: DriverName[], options: RunOptions, signal: AbortSignal, progress: ProgressReporter): Promise<CalibrationRun[]> {
  const durationSec = Math.min(options.durationSec, 3);
  const runs: CalibrationRun[] = [];
  if (drivers.includes('autocannon')) {
    const requests = [{ method: 'GET' as const, path: '/noop', headers: {} }];
    const output = await runAutocannon({ baseUrl, requests, model: { type: 'closed', connections: options.connections }, durationSec, warmupSec: 1 }, { signal });
    runs.push({ driver: 'autocannon', connections: options.connections, durationSec, throughput: output.throughput, latencyMs: output.latencyMs, generatorCpuCores: output.generator.cpuCores });
    progress.line(`calibration: GET /noop ${Math.round(output.throughput).toLocaleString('en-US')} req/s with autocannon (generator ${output.generator.cpuCores.toFixed(2)} cores)`);
  }
  return runs;
}
