import type { ChildProcess } from 'node:child_process';

/**
 * Kills a generator with SIGKILL when `signal` aborts (then calls `onAbort`) or when this process
 * exits, so no generator outlives the run that started it. Returns the function that stops watching.
 */
export function killOnAbort(child: ChildProcess, signal: AbortSignal | undefined, onAbort: () => void): () => void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const abort = () => {
    kill();
    onAbort();
  };
  signal?.addEventListener('abort', abort, { once: true });
  process.once('exit', kill);
  return () => {
    signal?.removeEventListener('abort', abort);
    process.removeListener('exit', kill);
  };
}
