import { expect, it } from 'vitest';
import { rerunOptions } from './rerun-options.ts';
import { cleanResults } from './test-support/gate-fixtures.ts';

it('a fresh run measures what the baseline measured: its drivers, comparisons, windows, repeats, load and data set, on a local API', () => {
  const baseline = cleanResults();
  expect(rerunOptions(baseline, ['orders-with-items', 'auth-context', 'product-detail-cache'])).toEqual({
    drivers: ['autocannon', 'k6'],
    only: ['orders-with-items', 'product-detail-cache'],
    suite: 'all',
    durationSec: 10,
    warmupSec: 2,
    repeat: 3,
    connections: 10,
    rate: null,
    quick: false,
    calibrate: true,
    dbLatencyMs: 0,
    cacheLatencyMs: 0,
    floor: false,
    instances: 1,
    target: null,
    allowRemote: false,
    json: false,
    scale: 'tiny',
    seed: 42,
    outDir: 'reports',
    fixturesPath: null,
  });
  expect(rerunOptions(baseline, ['orders-with-items', 'product-detail-cache']).only).toBeNull();
});
