import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findK6 } from '../env/k6.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { startTestServer } from '../test-support/test-server.ts';
import { decodeHistogram } from './hdr.ts';
import { runK6 } from './k6.ts';
import type { K6Summary } from './k6-summary.ts';

const k6Bin = (await findK6())?.bin ?? null;
const skip = requireOrSkip('k6', k6Bin !== null);

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe.skipIf(skip)('k6 split across instances (real k6, execution segments)', () => {
  it('delivers the offered rate between two instances and merges their counts and histograms', async () => {
    const summaryPath = join(await mkdtemp(join(tmpdir(), 'perflab-k6-instances-')), 'summary.json');
    const out = await runK6({
      baseUrl: server.baseUrl,
      comparison: 'product-detail-cache',
      variant: 'optimized',
      model: { type: 'open', rate: 100, maxConnections: 8 },
      durationSec: 2,
      fixturesPath: inject('fixturesPath'),
      k6Bin: k6Bin ?? '',
      instances: 2,
      summaryPath,
    });
    const summaries = await Promise.all([0, 1].map(async (i) => JSON.parse(await readFile(summaryPath.replace('.json', `-${i}.json`), 'utf8')) as K6Summary));
    const counts = summaries.map((s) => s.metrics['http_req_duration{scenario:measure}']?.values.count ?? 0);
    // each segment ran its half of the arrivals: k6 split the rate, we did not run the whole test twice
    for (const count of counts) expect(count).toBeGreaterThan(0);
    expect(counts[0]).toBeLessThan(0.6 * 200);
    expect(out.succeeded + out.failed).toBe(counts.reduce((a, b) => a + b, 0));
    expect(out.generator.offeredRate).toBe(100);
    expect(Math.abs(out.generator.deliveredRate - 100) / 100).toBeLessThan(0.05);
    expect(decodeHistogram(out.histogram ?? '').totalCount).toBe(out.succeeded);
    expect(out.perSecond.reduce((a, b) => a + b, 0)).toBe(out.succeeded);
    // judged by perflab on the merged samples, under the keys k6 itself uses
    expect(out.thresholds.map((t) => `${t.metric} ${t.condition}`).sort()).toEqual([
      'checks{scenario:measure} rate>0.99',
      'http_req_duration{scenario:measure} p(95)<20',
      'http_req_failed{scenario:measure} rate<0.01',
    ]);
    expect(out.thresholds.every((t) => typeof t.actual === 'number')).toBe(true);
  }, 60_000);
});
