import { createRequire } from 'node:module';
import { runAutocannon } from './autocannon.ts';
import type { Driver, LoadOverrides, LoadProfile } from './driver.ts';
import type { LoadModel } from './types.ts';

/**
 * autocannon: an npm dependency, so always present. Closed model unless `--rate` is given; the
 * open model (`--rate`) runs perflab's evenly spaced scheduler over undici instead of autocannon,
 * and the version says so. Its thresholds are checked by the harness
 * (`bench/run/evaluate-thresholds.ts`) from its figures.
 */
export const autocannonDriver: Driver = {
  name: 'autocannon',
  evaluatesThresholds: 'harness',
  async find() {
    const version = installedVersion('autocannon');
    if (!version) return { driver: autocannonDriver, missing: 'autocannon is not installed (run npm install)' };
    const undici = installedVersion('undici');
    if (!undici) return { driver: autocannonDriver, missing: 'undici is not installed (run npm install)' };
    return {
      driver: autocannonDriver,
      version: `${version} (open model: perflab scheduler on undici ${undici})`,
      run: (call, hooks) => runAutocannon({ baseUrl: call.baseUrl, requests: call.requests, model: call.model, durationSec: call.durationSec }, hooks),
    };
  },
  loadModel,
};

function loadModel(profile: LoadProfile, overrides: LoadOverrides): LoadModel {
  if (overrides.rate !== null) return { type: 'open', rate: overrides.rate, maxConnections: overrides.connections ?? profile.open.maxConnections };
  return { type: 'closed', connections: overrides.connections ?? profile.closed.connections };
}

function installedVersion(name: 'autocannon' | 'undici'): string | null {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
  } catch {
    return null;
  }
}
