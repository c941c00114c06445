import { autocannonDriver } from './autocannon-driver.ts';
import { isFound, type Driver, type FoundDriver, type MissingDriver } from './driver.ts';
import type { DriverName } from './driver-names.ts';
import { k6Driver } from './k6-driver.ts';

/** Every driver by name; the orchestrator takes a registry as a parameter so tests can pass their own. */
export type DriverRegistry = { readonly [Name in DriverName]: Driver };

/** The load generators perflab drives. Adding one: its file, one line here, its name in driver-names.ts. */
export const DRIVERS: DriverRegistry = {
  autocannon: autocannonDriver,
  k6: k6Driver,
};

export interface FoundDrivers {
  found: FoundDriver[];
  /** Drivers whose generator is absent, each with its one-line reason (skipped, never silently). */
  missing: MissingDriver[];
}

/** Calls `find()` once for each named driver, in the given order. */
export async function findDrivers(names: readonly DriverName[], registry: DriverRegistry): Promise<FoundDrivers> {
  const results = await Promise.all(names.map((name) => registry[name].find()));
  return {
    found: results.filter(isFound),
    missing: results.filter((r): r is MissingDriver => !isFound(r)),
  };
}
