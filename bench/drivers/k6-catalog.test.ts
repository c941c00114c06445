import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listenApi, type RunningServer } from '../../reference-server/server.ts';
import { testConfig } from '../../reference-server/test-support/index.ts';
import { catalogIds } from '../../scenarios/catalog.ts';
import { findK6 } from '../env/k6.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { K6Error, runK6 } from './k6.ts';
import { READ_REPLICA_ID } from '../env/replica-skip.ts';

const k6Bin = (await findK6())?.bin ?? null;
const skip = requireOrSkip('k6', k6Bin !== null);

let server: RunningServer;
beforeAll(async () => {
  server = await listenApi(testConfig({ port: 0, host: '127.0.0.1' }));
});
afterAll(() => server?.close(1000));

const run = (comparison: string, variant: 'naive' | 'optimized') =>
  runK6({
    baseUrl: server.url,
    comparison,
    variant,
    model: { type: 'open', rate: 4, maxConnections: 2 },
    durationSec: 1,
    fixturesPath: inject('fixturesPath'),
    k6Bin: k6Bin ?? 'k6',
  });

describe.skipIf(skip)('the generic k6 script (scenarios/k6/comparison.ts) against the real API', () => {
  // one variant each, alternating, keeps this to ~2 s per comparison; both variants' requests are checked in scenarios/catalog.test.ts
  // read-replica needs a streaming standby this API does not have (it answers 503 replica_unavailable,
  // and perflab run skips it in one line): reference-server/comparisons/read-replica.test.ts runs it against one
  const ids = catalogIds.filter((id) => id !== READ_REPLICA_ID);
  it.each(ids.map((id, i) => [id, i % 2 === 0 ? 'naive' : 'optimized'] as const))('%s (%s): 2xx answers that pass the catalog checks', async (id, variant) => {
    const out = await run(id, variant);
    expect(out.requests).toBeGreaterThan(0);
    expect(out.errors + out.non2xx).toBe(0);
    expect(out.thresholds.find((t) => t.metric === 'checks{scenario:measure}')).toMatchObject({ condition: 'rate>0.99', passed: true, actual: 1 });
  });

  it('fails in one line naming the known ids for an unknown comparison', async () => {
    await expect(run('no-such-comparison', 'naive')).rejects.toThrow(K6Error);
    await expect(run('no-such-comparison', 'naive')).rejects.toThrow(/unknown comparison 'no-such-comparison' \(known: orders-with-items/);
  });
});
