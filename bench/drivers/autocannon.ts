import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registerChild } from '../env/cleanup.ts';
import type { AutocannonInput, FromChild, ToChild } from './autocannon-protocol.ts';
import type { DriverHooks, DriverOutput } from './types.ts';

export type { AutocannonInput };

const CHILD_ENTRY = fileURLToPath(new URL('./autocannon-child.mjs', import.meta.url));

/** Live child pids, for tests and for a last-resort kill on exit. */
export const liveAutocannonChildren = new Set<number>();

/**
 * Runs one window in a child process (never on the caller's event loop; warm-up is the caller's
 * separate, discarded call), forked once and kept for the next window (see takeChild). Closed model: autocannon, latency per answer into a µs HDR
 * histogram (autocannon's own is whole milliseconds). Open model: NOT autocannon (its
 * `overallRate` sends each connection's share back to back at the top of every second) but
 * perflab's scheduler over undici (`open-model-scheduler.ts`): evenly spaced arrivals, latency
 * from each request's intended send time, unsent requests counted as dropped.
 * Abort kills the child and rejects with the signal's reason: an incomplete run has no result.
 *
 * @example
 * const out = await runAutocannon({ baseUrl, requests, model: { type: 'closed', connections: 10 }, durationSec: 10 });
 */
export function runAutocannon(input: AutocannonInput, hooks: DriverHooks = {}): Promise<DriverOutput> {
  validate(input);
  const { signal, onTick } = hooks;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const child = takeChild();
    let settled = false;
    const finish = (action: () => void, keep = false) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      child.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keep) park(child);
      else killChild();
      action();
    };
    const killChild = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    const onMessage = (message: FromChild) => {
      if (message.type === 'tick') onTick?.(message.tick);
      else if (message.type === 'result') finish(() => resolve(message.output), true);
      else if (message.type === 'error') finish(() => reject(new Error(`autocannon: ${message.message}`)));
    };
    const onError = (error: Error) => finish(() => reject(error));
    const onExit = (code: number | null, sig: NodeJS.Signals | null) => finish(() => reject(new Error(`autocannon child exited (${sig ?? `code ${code}`}) before reporting a result`)));
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', onMessage).on('error', onError).on('exit', onExit);
    child.send({ type: 'run', input } satisfies ToChild);
  });
}

/**
 * The generator process waiting between windows. Starting one (node, tsx, autocannon, undici)
 * takes seconds on a busy 2-core host, twice a run with a warm-up: a process that reported its
 * result is kept, idle and unreferenced (it never holds the harness open), for the next window.
 * Each window still builds its own autocannon instance or undici pool, so no connection carries
 * over; a window that failed or was aborted kills its process instead.
 */
let idleChild: ChildProcess | null = null;

function takeChild(): ChildProcess {
  const child = idleChild;
  idleChild = null;
  if (child && child.connected && child.exitCode === null && child.signalCode === null) {
    child.ref();
    (child.channel as { ref?: () => void } | undefined)?.ref?.();
    return child;
  }
  return forkChild();
}

function park(child: ChildProcess): void {
  if (!child.connected) return;
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  idleChild = child;
}

function forkChild(): ChildProcess {
  const child = fork(CHILD_ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const pid = child.pid;
  if (pid) liveAutocannonChildren.add(pid);
  // Ctrl-C in the CLI stops it with everything else the harness started.
  registerChild('autocannon', child, 'SIGKILL');
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => {
    if (pid) liveAutocannonChildren.delete(pid);
    process.removeListener('exit', killOnExit);
    if (idleChild === child) idleChild = null;
  });
  return child;
}

/** Programming errors from the orchestrator, caught before a process is started. */
function validate(input: AutocannonInput): void {
  const positiveInt = (value: number, what: string) => {
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${what} must be a positive integer (got ${value})`);
  };
  positiveInt(input.durationSec, 'durationSec');
  if (input.model.type === 'closed') positiveInt(input.model.connections, 'connections');
  else {
    positiveInt(input.model.rate, 'rate');
    positiveInt(input.model.maxConnections, 'maxConnections');
  }
  if (input.requests.length === 0) throw new RangeError('requests must not be empty');
  new URL(input.baseUrl);
}
