import { spawn } from 'node:child_process';
import { constants, createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { registerChild } from '../env/cleanup.ts';
import type { K6CsvAggregator } from './k6-csv.ts';
import { killOnAbort } from './kill-on-abort.ts';
import { sampleProcessCpu } from './proc-cpu.ts';

/** k6 failed to run, or ran but its result cannot be trusted (e.g. a threshold matched nothing). */
export class K6Error extends Error {
  override name = 'K6Error';
}

/**
 * Runs one k6 process, folding the CSV samples it writes into `fifo` line by line into `csv`,
 * with its CPU from /proc measured from the first measured sample. Aborting `signal` kills it.
 */
export function spawnK6(bin: string, args: string[], csv: K6CsvAggregator, fifo: string, signal?: AbortSignal) {
  return new Promise<{ code: number; stderr: string; cpuCores: number; insufficientVus: boolean }>((resolve, reject) => {
    const samples = createReadStream(fifo);
    const samplesClosed = new Promise<void>((done) => samples.on('close', done).on('error', () => done()));
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, K6_NO_USAGE_REPORT: 'true' } });
    registerChild('k6', child, 'SIGKILL');
    const cpu = child.pid ? sampleProcessCpu(child.pid) : null;
    let stderr = '';
    let insufficientVus = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8000);
      // k6 warns once, early: keep the fact even when the tail of stderr no longer holds it
      insufficientVus ||= stderr.includes('Insufficient VUs');
    });
    child.stdout?.resume();
    const lines = createInterface({ input: samples, crlfDelay: Infinity });
    lines.on('line', (line) => {
      const before = csv.measureStartMs;
      csv.line(line);
      if (before === null && csv.measureStartMs !== null) cpu?.mark();
    });
    const stopWatching = killOnAbort(child, signal, () => reject(signal?.reason));
    child.on('error', (error) => reject(new K6Error(`cannot start k6 (${bin}): ${error.message}`)));
    child.on('close', async (code, sig) => {
      stopWatching();
      cpu?.stop();
      await releaseFifo(fifo);
      await samplesClosed;
      csv.flush();
      if (signal?.aborted) return;
      resolve({ code: code ?? (sig ? 128 : 1), stderr, cpuCores: cpu?.cores() ?? 0, insufficientVus });
    });
  });
}

/** If k6 died before opening the FIFO, our reader is still blocked in open(): a writer releases it (EOF). */
async function releaseFifo(fifo: string): Promise<void> {
  try {
    const handle = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    await handle.close();
  } catch {
    // ENXIO: no reader is waiting, nothing to release
  }
}

/** k6's own error lines (`level=error msg="…"`), or the stderr tail. */
export function errorLines(stderr: string): string {
  const messages = [...stderr.matchAll(/level=error msg="((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\"/g, '"'));
  return (messages.length ? messages.join('; ') : stderr.trim().split('\n').slice(-5).join(' | ')) || 'no output';
}
