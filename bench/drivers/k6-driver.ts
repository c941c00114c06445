import { findK6 } from '../env/k6.ts';
import { MAX_INSTANCES, type Driver, type LoadOverrides, type LoadProfile } from './driver.ts';
import { runK6 } from './k6.ts';
import type { LoadModel } from './types.ts';

/**
 * k6: always the open model (constant-arrival-rate), so a slow server cannot slow the arrivals
 * (no coordinated omission); it evaluates the catalog thresholds itself (exit code 99), or, split
 * across instances, on their merged samples.
 */
export const k6Driver: Driver = {
  name: 'k6',
  evaluatesThresholds: 'self',
  // execution segments, as k6-operator splits a TestRun; with more than one, the driver judges the merged samples itself
  maxInstances: MAX_INSTANCES,
  async find() {
    const found = await findK6();
    if (!found) return { driver: k6Driver, missing: 'k6 not found (set K6_BIN or put k6 on PATH; see README)' };
    return {
      driver: k6Driver,
      version: found.version,
      run: (call, hooks) =>
        runK6({ baseUrl: call.baseUrl, comparison: call.comparison, variant: call.variant, model: call.model, durationSec: call.durationSec, fixturesPath: call.fixturesPath, seed: call.seed, k6Bin: found.bin, instances: call.instances }, hooks),
    };
  },
  loadModel: openModel,
};

/** `--rate` replaces the catalog rate; `--connections` can only raise the VU cap. */
function openModel(profile: LoadProfile, overrides: LoadOverrides): LoadModel {
  return { type: 'open', rate: overrides.rate ?? profile.open.rate, maxConnections: Math.max(overrides.connections ?? 0, profile.open.maxConnections) };
}
