import { fileURLToPath } from 'node:url';
import { runAutocannon } from './drivers/autocannon.ts';
import { K6NotFoundError, runK6 } from './drivers/k6.ts';
import { findWrk, runWrk } from './drivers/wrk.ts';
import { findK6 } from './env/k6.ts';
import type { CalibrationRun } from './results/types.ts';

/** k6's calibration script (the generic comparison script serves catalog ids only). */
const NOOP_SCRIPT = fileURLToPath(new URL('../scenarios/k6/noop.ts', import.meta.url));

export interface CalibrateOptions {
  /** A running reference API; calibration hits its `GET /noop` (no DB work). */
  baseUrl: string;
  durationSec: number;
  warmupSec: number;
  connections: number;
  signal?: AbortSignal;
  /** One line per generator as it starts, for the terminal. */
  onStatus?: (line: string) => void;
}

export interface CalibrationResult {
  runs: CalibrationRun[];
  /** Generators that were absent, one sentence each (they are skipped, never silently). */
  notices: string[];
}

/**
 * The HTTP ceiling of this host: `GET /noop` with every generator present (autocannon always,
 * k6 and wrk when found), closed model, same connections, one after the other so they never
 * compete for the CPU. Each run also says what the generator itself cost in CPU.
 */
export async function calibrate(options: CalibrateOptions): Promise<CalibrationResult> {
  const { baseUrl, durationSec, warmupSec, connections, signal } = options;
  const runs: CalibrationRun[] = [];
  const notices: string[] = [];
  const status = options.onStatus ?? (() => {});
  const row = (driver: CalibrationRun['driver'], r: Pick<CalibrationRun, 'throughput' | 'latencyMs' | 'generatorCpuCores'>) => {
    runs.push({ driver, connections, durationSec, ...r });
  };

  status(`autocannon: ${connections} connections, ${durationSec} s on ${baseUrl}/noop`);
  const ac = await runAutocannon(
    { baseUrl, requests: [{ method: 'GET', path: '/noop', headers: {} }], model: { type: 'closed', connections }, durationSec, warmupSec },
    { signal },
  );
  assertClean('autocannon', ac.errors, ac.non2xx);
  row('autocannon', { throughput: ac.throughput, latencyMs: ac.latencyMs, generatorCpuCores: ac.generator.cpuCores });

  const k6 = await findK6();
  if (k6) {
    status(`k6 ${k6.version}: ${connections} VUs, ${durationSec} s`);
    const out = await runK6({ baseUrl, comparison: 'noop', script: NOOP_SCRIPT, variant: 'naive', model: { type: 'closed', connections }, durationSec, warmupSec, k6Bin: k6.bin }, { signal });
    assertClean('k6', out.errors, out.non2xx);
    row('k6', { throughput: out.throughput, latencyMs: out.latencyMs, generatorCpuCores: out.generator.cpuCores });
  } else {
    notices.push(new K6NotFoundError().message);
  }

  const wrk = findWrk();
  if (wrk) {
    status(`wrk: ${connections} connections, 1 thread, ${durationSec} s`);
    const out = await runWrk(wrk, { url: `${baseUrl}/noop`, connections, durationSec, warmupSec }, signal);
    assertClean('wrk', out.errors, out.non2xx);
    row('wrk', { throughput: out.throughput, latencyMs: out.latencyMs, generatorCpuCores: out.cpuCores });
  } else {
    notices.push('wrk not found on PATH: wrk calibration skipped');
  }
  return { runs, notices };
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
