import { UsageError } from '../../lib/usage-error.ts';
import { isFound, type FoundDriver } from '../drivers/driver.ts';
import type { DriverName } from '../drivers/driver-names.ts';
import { runK6 } from '../drivers/k6.ts';
import { k6Driver } from '../drivers/k6-driver.ts';
import { DRIVERS } from '../drivers/registry.ts';
import { findK6 } from '../env/k6.ts';
import { writeWrapper } from './k6-wrapper.ts';
import { PROBE_REQUESTS } from './statement-probe.ts';
import type { TargetScenario } from './target-options.ts';

/** A found driver per side (variant slot), and how to remove what was written for them. */
export interface SideDrivers {
  bySide: Map<string, FoundDriver>;
  /** k6 only: runs a side's script for PROBE_REQUESTS iterations on one VU; resolves with the requests answered. */
  probes: Map<string, (baseUrl: string) => Promise<number>>;
  /** The generator and its version, for the host facts. */
  found: FoundDriver;
  dispose(): Promise<void>;
}

/**
 * Locates the one generator the files' type names (absent: one line, exit 2). autocannon replays
 * the request list the runner hands it; k6 runs perflab's wrapper around each user script instead
 * of a catalog script: the same k6 driver code, only the script differs.
 */
export async function sideDrivers(name: DriverName, scenarios: readonly TargetScenario[], sides: readonly string[]): Promise<SideDrivers> {
  if (name !== 'k6') {
    const found = await DRIVERS[name].find();
    if (!isFound(found)) throw new UsageError(`--scenario ${scenarios[0]?.name}: ${found.missing}`);
    return { bySide: new Map(sides.map((side) => [side, found])), probes: new Map(), found, dispose: async () => {} };
  }
  const k6 = await findK6();
  if (!k6) throw new UsageError(`--scenario ${scenarios[0]?.name} is a k6 script: k6 not found (set K6_BIN or put k6 on PATH; see README)`);
  const wrappers = await Promise.all(scenarios.map((s) => writeWrapper(s.path, PROBE_REQUESTS)));
  const sideDriver = (index: number): FoundDriver => ({
    driver: k6Driver,
    version: k6.version,
    run: (call, hooks) => runK6({ baseUrl: call.baseUrl, comparison: call.comparison, variant: call.variant, model: call.model, durationSec: call.durationSec, seed: call.seed, k6Bin: k6.bin, script: wrappers[index]?.path }, hooks),
  });
  const probe = (index: number) => async (baseUrl: string) =>
    (await runK6({ baseUrl, comparison: 'probe', variant: 'naive', model: { type: 'closed', connections: 1 }, durationSec: 120, k6Bin: k6.bin, script: wrappers[index]?.probePath })).requests;
  const bySide = new Map(sides.map((side, index) => [side, sideDriver(index)]));
  const probes = new Map(sides.map((side, index) => [side, probe(index)]));
  return { bySide, probes, found: sideDriver(0), dispose: async () => void (await Promise.all(wrappers.map((w) => w.remove()))) };
}
