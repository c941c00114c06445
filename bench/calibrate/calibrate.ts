import type { FoundDriver, ScenarioCall } from '../drivers/driver.ts';
import type { LatencyMs } from '../drivers/types.ts';
import type { CalibrationRun } from '../results/types.ts';
import { findWrk, runWrk } from './wrk.ts';

export interface CalibrateOptions {
  /** A running reference API; calibration hits its `GET /noop` (no DB work). */
  baseUrl: string;
  durationSec: number;
  warmupSec: number;
  connections: number;
  /** The drivers the caller found (once) through the registry; each measures /noop. */
  drivers: readonly FoundDriver[];
  /** Also measure wrk when it is on PATH (default true; `perflab run` leaves it out). */
  wrk?: boolean;
  signal?: AbortSignal;
  /** One line per generator as it starts, for the terminal. */
  onStatus?: (line: string) => void;
}

export interface CalibrationResult {
  runs: CalibrationRun[];
  /** Generators that were absent, one sentence each (they are skipped, never silently). */
  notices: string[];
}

/** One generator as calibration sees it: a label and a window of `GET /noop`. */
interface Generator {
  name: CalibrationRun['driver'];
  label: string;
  measure(durationSec: number): Promise<{ errors: number; non2xx: number; throughput: number; latencyMs: LatencyMs; cpuCores: number }>;
}

/**
 * The HTTP ceiling of this host: `GET /noop` with every driver found plus wrk when present (a C
 * generator: the reference for what the Node and Go ones cost), closed model, same connections,
 * one after the other so they never compete for the CPU. Each is warmed up here (one discarded
 * window), then measured; each run also says what the generator itself cost in CPU.
 */
export async function calibrate(options: CalibrateOptions): Promise<CalibrationResult> {
  const { durationSec, warmupSec, connections } = options;
  const generators = options.drivers.map((found) => fromDriver(found, options));
  const notices: string[] = [];
  const wrk = options.wrk === false ? null : findWrk();
  if (wrk) generators.push(fromWrk(wrk, options));
  else if (options.wrk !== false) notices.push('wrk not found on PATH: wrk calibration skipped');

  const runs: CalibrationRun[] = [];
  for (const generator of generators) {
    options.onStatus?.(`${generator.label}, ${durationSec} s on ${options.baseUrl}/noop`);
    if (warmupSec > 0) await generator.measure(warmupSec);
    const out = await generator.measure(durationSec);
    assertClean(generator.name, out.errors, out.non2xx);
    runs.push({ driver: generator.name, connections, durationSec, throughput: out.throughput, latencyMs: out.latencyMs, generatorCpuCores: out.cpuCores });
  }
  return { runs, notices };
}

function fromDriver(found: FoundDriver, { baseUrl, connections, signal }: CalibrateOptions): Generator {
  const call = (durationSec: number): ScenarioCall => ({
    baseUrl,
    comparison: 'noop',
    variant: 'naive',
    requests: [{ method: 'GET', path: '/noop', headers: {} }],
    model: { type: 'closed', connections },
    durationSec,
  });
  return {
    name: found.driver.name,
    label: `${found.driver.name} ${found.version}: ${connections} connections`,
    measure: async (durationSec) => {
      const out = await found.run(call(durationSec), { signal });
      return { ...out, cpuCores: out.generator.cpuCores };
    },
  };
}

function fromWrk(bin: string, { baseUrl, connections, signal }: CalibrateOptions): Generator {
  return {
    name: 'wrk',
    label: `wrk: ${connections} connections, 1 thread`,
    measure: (durationSec) => runWrk(bin, { url: `${baseUrl}/noop`, connections, durationSec }, signal),
  };
}

/** A ceiling measured on failing requests would be a lie. */
function assertClean(driver: string, errors: number, non2xx: number): void {
  if (errors > 0 || non2xx > 0) throw new Error(`${driver} calibration saw ${errors} errors and ${non2xx} non-2xx answers from /noop`);
}

/** The calibration table, e.g. for the terminal (returns a string; the caller writes it). */
export function formatCalibration(runs: CalibrationRun[]): string {
  const header = ['generator', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'generator CPU'];
  const rows = runs.map((r) => [
    r.driver,
    String(r.connections),
    Math.round(r.throughput).toLocaleString('en-US'),
    r.latencyMs.p50.toFixed(3),
    r.latencyMs.p99.toFixed(3),
    r.latencyMs.max.toFixed(3),
    `${r.generatorCpuCores.toFixed(2)} cores`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
