import { afterAll, describe, expect, inject, it } from 'vitest';
import { catalogIds } from '../../scenarios/catalog.ts';
import { readFixtures } from '../../seed/fixtures-schema.ts';
import { runCleanup } from '../env/cleanup.ts';
import { renderMarkdown } from '../report/render-markdown.ts';
import { validateResults } from '../results/validate-results.ts';
import type { VariantAggregate } from '../results/types.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { parseRunOptions } from '../run/run-options.ts';
import { rawInputOf } from './floor-input.ts';
import { floorComparisons, measureFloor } from './run-floor.ts';

afterAll(() => runCleanup());

describe('rawInputOf', () => {
  it('gives the mount\'s raw input: route params, the first value of each query parameter, the JSON body', () => {
    const spec = { method: 'GET' as const, path: '/optimized/products/12?limit=5&limit=6&q=red%20shoe', headers: { Authorization: 'Bearer t' } };
    expect(rawInputOf(spec, '/products/:id')).toEqual({ params: { id: '12' }, query: { limit: '5', q: 'red shoe' }, body: undefined, idempotencyKey: undefined });
    expect(rawInputOf(spec, '/customers/:id')).toBeNull();
    const post = { method: 'POST' as const, path: '/naive/imports/products', headers: { 'Idempotency-Key': 'k1' }, body: '{"rows":[]}' };
    expect(rawInputOf(post, '/imports/products')).toEqual({ params: {}, query: {}, body: { rows: [] }, idempotencyKey: 'k1' });
  });
});

describe('--floor', () => {
  it('is off unless asked for', () => {
    expect(parseRunOptions({}, catalogIds).floor).toBe(false);
    expect(parseRunOptions({ floor: true }, catalogIds).floor).toBe(true);
  });
});

describe('measureFloor', () => {
  it('calls every read comparison\'s optimized path without a failure and stores the endpoint\'s share of it', async () => {
    const fixtures = await readFixtures(inject('fixturesPath'));
    const redisUrl = inject('redisUrl');
    const apiEnv = { DATABASE_URL: inject('databaseUrl'), ...(redisUrl ? { REDIS_URL: redisUrl } : {}), PERFLAB_DB_POOL_MAX: '20' };
    const reads = floorComparisons(catalogIds);
    expect(reads).toContain('orders-with-items');
    expect(reads, 'writes are left out: their floor would change the measured state').not.toContain('bulk-import');
    for (const comparison of reads) {
      const endpoint = { comparison, variant: 'optimized', loadModel: { type: 'closed', connections: 2 }, throughput: 50 } as VariantAggregate;
      const floor = await measureFloor(comparison, { apiEnv, fixtures, seed: 42, connections: 2, warmupSec: 0, durationSec: 1 }, [endpoint]);
      expect(floor.failed, comparison).toBe(0);
      expect(floor.opsPerSec, comparison).toBeGreaterThan(0);
      expect(floor).toMatchObject({ comparison, connections: 2, endpointThroughput: 50 });
      expect(floor.share).toBeCloseTo(50 / floor.opsPerSec, 10);
    }
  }, 180_000);
});

describe('the report', () => {
  it('shows each comparison\'s share of its floor, and a results.json with floors is valid', () => {
    const results = { ...syntheticResults(), floors: [{ comparison: 'orders-with-items', connections: 8, durationSec: 4, opsPerSec: 2000, failed: 0, endpointThroughput: 1700, share: 0.85 }] };
    expect(() => validateResults(JSON.parse(JSON.stringify(results)))).not.toThrow();
    expect(renderMarkdown(results)).toContain('- **orders-with-items**: 85% of floor: endpoint 1,700 req/s, floor 2,000 calls/s');
    expect(renderMarkdown(syntheticResults())).not.toContain('of floor');
  });
});
