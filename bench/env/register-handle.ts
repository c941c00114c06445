import { onCleanup } from './cleanup.ts';

/**
 * Registers `handle.stop` with the cleanup registry and rewires `handle.stop` so that an
 * explicit stop also unregisters it (and runs once only). Returns the same handle.
 */
export function registerCleanupOf<T extends { stop(): Promise<void> }>(name: string, handle: T, pid?: number): T {
  const stop = handle.stop.bind(handle);
  let stopping: Promise<void> | null = null;
  const once = () => (stopping ??= stop());
  const unregister = onCleanup(name, once, pid);
  handle.stop = () => {
    unregister();
    return once();
  };
  return handle;
}
