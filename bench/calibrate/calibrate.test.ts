import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalibrateArgs } from '../cli/calibrate.ts';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { DRIVERS, findDrivers, type FoundDrivers } from '../drivers/registry.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { which } from '../env/which.ts';
import { calibrate, formatCalibration } from './calibrate.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let located: FoundDrivers;
beforeAll(async () => {
  server = await startTestServer();
  located = await findDrivers(DRIVER_NAMES, DRIVERS);
});
afterAll(() => server.close());

describe('calibrate', () => {
  it('measures /noop with every driver found, plus wrk when present, and names an absent wrk', async () => {
    const { runs, notices } = await calibrate({ baseUrl: server.baseUrl, durationSec: 1, warmupSec: 0, connections: 2, drivers: located.found });
    const expected = [...located.found.map((f) => f.driver.name), ...(which('wrk') ? ['wrk'] : [])];
    expect(runs.map((r) => r.driver)).toEqual(expected);
    expect(located.found.length + located.missing.length).toBe(DRIVER_NAMES.length);
    expect(runs.length + notices.length).toBe(located.found.length + 1);
    for (const run of runs) {
      expect(run).toMatchObject({ connections: 2, durationSec: 1 });
      expect(run.throughput).toBeGreaterThan(0);
      expect(run.latencyMs.p50).toBeLessThanOrEqual(run.latencyMs.p99);
      expect(run.latencyMs.p99).toBeLessThanOrEqual(run.latencyMs.max);
      // k6 and wrk are read from /proc in 10 ms clock ticks: a light 1 s run may round to 0
      expect(run.generatorCpuCores).toBeGreaterThanOrEqual(run.driver === 'autocannon' ? Number.MIN_VALUE : 0);
      expect(run.generatorCpuCores).toBeLessThan(os.availableParallelism() + 0.5);
    }
    const table = formatCalibration(runs);
    expect(table.split('\n')[0]).toMatch(/^generator\s+conns\s+req\/s\s+p50 ms\s+p99 ms\s+max ms\s+generator CPU$/);
    expect(table.trim().split('\n')).toHaveLength(runs.length + 1);
  });

  it('refuses a /noop that fails instead of reporting a ceiling of errors', async () => {
    await expect(calibrate({ baseUrl: `${server.baseUrl}/nothing-here`, durationSec: 1, warmupSec: 0, connections: 1, drivers: located.found })).rejects.toThrow(
      /autocannon calibration saw 0 errors and [1-9]\d* non-2xx answers from \/noop/,
    );
  });
});

describe('perflab calibrate flags', () => {
  const ok = { duration: '5', warmup: '1', connections: '50', json: false, 'allow-remote': false };

  it('accepts the defaults', () => {
    expect(parseCalibrateArgs(ok)).toEqual({ durationSec: 5, warmupSec: 1, connections: 50, json: false, target: null, allowRemote: false });
  });

  it.each([
    [{ duration: '-3' }, "--duration must be a whole number of seconds (or with s, m, h), got '-3'"],
    [{ duration: '0' }, "--duration must be between 1 and 3600 seconds, got '0'"],
    [{ connections: 'abc' }, "--connections must be a whole number, got 'abc'"],
    [{ connections: '1e9' }, "--connections must be a whole number, got '1e9'"],
    [{ warmup: '601' }, "--warmup must be between 0 and 600 seconds, got '601'"],
  ])('rejects %o', (bad, message) => {
    expect(() => parseCalibrateArgs({ ...ok, ...bad })).toThrow(message);
  });
});
