import type { CatalogEntry, RequestSpec, Variant } from '../../scenarios/types.ts';
import { runAutocannon } from '../drivers/autocannon.ts';
import { runK6 } from '../drivers/k6.ts';
import type { DriverHooks, DriverOutput } from '../drivers/types.ts';
import type { DriverName, LoadModel } from '../results/types.ts';

export interface DriverCall {
  baseUrl: string;
  entry: CatalogEntry;
  variant: Variant;
  requests: RequestSpec[];
  model: LoadModel;
  durationSec: number;
  fixturesPath: string;
  seed: number;
}

/** One place that knows how each driver is called; warm-up is a separate call, so none is asked of the driver. */
export async function runDriver(driver: DriverName, call: DriverCall, hooks: DriverHooks): Promise<DriverOutput> {
  if (driver === 'autocannon') {
    return runAutocannon({ baseUrl: call.baseUrl, requests: call.requests, model: call.model, durationSec: call.durationSec, warmupSec: 0 }, hooks);
  }
  return runK6({ baseUrl: call.baseUrl, comparison: call.entry.id, variant: call.variant, model: call.model, durationSec: call.durationSec, warmupSec: 0, fixturesPath: call.fixturesPath, seed: call.seed }, hooks);
}
