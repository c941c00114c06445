import { onCleanup, setStepPid } from './cleanup.ts';

/**
 * Registers `handle.stop` with the cleanup registry and rewires `handle.stop` so that an
 * explicit stop also unregisters it (and runs once only). Returns the same handle.
 */
export function registerCleanupOf<T extends { stop(): Promise<void> }>(name: string, handle: T, pid?: number): T {
  const stop = handle.stop.bind(handle);
  let stopping: Promise<void> | null = null;
  const once = () => (stopping ??= stop());
  const unregister = onCleanup(name, once, pid);
  stepOf.set(handle, once);
  handle.stop = () => {
    unregister();
    return once();
  };
  return handle;
}

const stepOf = new WeakMap<object, () => Promise<void>>();

/** Records the pid behind a registered handle once known, for the last-resort kill on exit. */
export function setCleanupPid(handle: object, pid: number): void {
  const step = stepOf.get(handle);
  if (step) setStepPid(step, pid);
}
