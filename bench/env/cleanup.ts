import type { ChildProcess } from 'node:child_process';

/** One thing to stop; `pid` lets a synchronous `exit` handler still kill it as a last resort. */
interface CleanupStep {
  name: string;
  stop: () => Promise<void> | void;
  pid?: number | undefined;
}

const steps: CleanupStep[] = [];
let installed = false;
let running: Promise<void> | null = null;

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Registers something to stop when the process ends (signal, uncaught error, or an explicit
 * `runCleanup()`); steps run in reverse order of registration. Returns an unregister function.
 * Registering installs no handler: each entry point (`bin.mjs`, `service-host.ts`) calls
 * `installExitHandlers()` itself, so a host that owns its signals (vitest) keeps them.
 */
export function onCleanup(name: string, stop: () => Promise<void> | void, pid?: number): () => void {
  const step: CleanupStep = { name, stop, pid };
  steps.push(step);
  return () => {
    const index = steps.indexOf(step);
    if (index >= 0) steps.splice(index, 1);
  };
}

/**
 * Registers a child process: stopping sends `signal`, waits for it to exit, and escalates to
 * SIGKILL after `graceMs`. Returns an unregister function (call it once the child has exited).
 */
export function registerChild(name: string, child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): () => void {
  const unregister = onCleanup(name, () => stopChild(child, signal, graceMs), child.pid);
  child.once('exit', unregister);
  return unregister;
}

/** Sends `signal` to a child and resolves once it has exited (SIGKILL after `graceMs`). */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Sets the pid of the step registered with `stop`, once the process behind it is known. */
export function setStepPid(stop: CleanupStep['stop'], pid: number): void {
  const step = steps.find((s) => s.stop === stop);
  if (step) step.pid = pid;
}

/** Stops every registered step, last registered first; one failing step does not stop the others. */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await step.stop();
      } catch (error) {
        process.stderr.write(`perflab: could not stop ${step.name}: ${(error as Error).message}\n`);
      }
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

/** True while the registered steps are being stopped (a signal, an uncaught error, or `runCleanup()`). */
export function isStopping(): boolean {
  return running !== null;
}

/**
 * SIGINT/SIGTERM/SIGHUP → stop everything, exit 130/143/129; an uncaught error → print it, stop
 * everything, exit 1. A second signal while stopping kills what is left at once. Idempotent.
 */
export function installExitHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      if (running) killRemaining('SIGKILL', code);
      void runCleanup().finally(() => process.exit(code));
    });
  }
  const fail = (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    void runCleanup().finally(() => process.exit(1));
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  installExitKill();
}

let exitKillInstalled = false;

/**
 * Only the last resort: when the process exits with steps still registered, SIGINT their pids.
 * For hosts that own their signals (vitest exits on SIGINT/SIGTERM without running teardown).
 */
export function installExitKill(): void {
  if (exitKillInstalled) return;
  exitKillInstalled = true;
  process.on('exit', () => killRemaining('SIGINT'));
}

/**
 * Last resort when there is no time to await: SIGINT is a fast shutdown for Postgres and a
 * clean one for redis-server; a second Ctrl-C escalates to SIGKILL.
 */
function killRemaining(signal: NodeJS.Signals, exitCode?: number): void {
  for (const step of steps) {
    if (step.pid === undefined) continue;
    try {
      process.kill(step.pid, signal);
    } catch {
      // already gone
    }
  }
  if (exitCode !== undefined) process.exit(exitCode);
}
