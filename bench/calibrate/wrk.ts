import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killOnAbort } from '../drivers/kill-on-abort.ts';
import { sampleProcessCpu } from '../drivers/proc-cpu.ts';
import type { LatencyMs } from '../drivers/types.ts';
import { registerChild } from '../env/cleanup.ts';
import { which } from '../env/which.ts';

const REPORT_SCRIPT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

export interface WrkInput {
  url: string;
  connections: number;
  durationSec: number;
  threads?: number;
}

export interface WrkOutput {
  requests: number;
  errors: number;
  non2xx: number;
  throughput: number;
  latencyMs: LatencyMs;
  cpuCores: number;
}

/** wrk on PATH, or null (calibration then simply has no wrk row). */
export function findWrk(): string | null {
  return which('wrk');
}

/** Parses the JSON line wrk-report.lua prints (latencies in µs) into ms with µs precision. */
export function parseWrkReport(stdout: string): Omit<WrkOutput, 'cpuCores'> {
  const line = /PERFLAB_WRK (\{.*\})/.exec(stdout)?.[1];
  if (!line) throw new Error(`wrk printed no report: ${stdout.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
  const r = JSON.parse(line) as Record<string, number>;
  const ms = (key: string) => Math.round(r[key] ?? 0) / 1000;
  const seconds = (r.durationUs ?? 0) / 1e6;
  return {
    requests: r.requests ?? 0,
    errors: r.errors ?? 0,
    non2xx: r.non2xx ?? 0,
    throughput: seconds > 0 ? (r.requests ?? 0) / seconds : 0,
    latencyMs: { p50: ms('p50'), p90: ms('p90'), p95: ms('p95'), p99: ms('p99'), p999: ms('p999'), max: ms('max'), mean: Math.round((r.mean ?? 0)) / 1000 },
  };
}

/**
 * Runs wrk (closed model, keep-alive, one URL) for one window; abort kills it. Calibration only:
 * wrk replays one fixed request and exports no histogram, so it cannot measure a comparison.
 */
export function runWrk(bin: string, input: WrkInput, signal?: AbortSignal): Promise<WrkOutput> {
  signal?.throwIfAborted();
  const args = ['-t', String(input.threads ?? 1), '-c', String(input.connections), '-d', `${input.durationSec}s`, '--latency', '-s', REPORT_SCRIPT, input.url];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    registerChild('wrk', child, 'SIGKILL');
    const cpu = child.pid ? sampleProcessCpu(child.pid) : null;
    cpu?.mark();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const stopWatching = killOnAbort(child, signal, () => reject(signal?.reason));
    child.on('error', (error) => reject(new Error(`cannot start wrk (${bin}): ${error.message}`)));
    child.on('close', (code) => {
      stopWatching();
      cpu?.stop();
      if (signal?.aborted) return;
      if (code !== 0) return reject(new Error(`wrk exited with code ${code}: ${stderr.trim() || stdout.trim()}`));
      try {
        resolve({ ...parseWrkReport(stdout), cpuCores: cpu?.cores() ?? 0 });
      } catch (error) {
        reject(error);
      }
    });
  });
}
