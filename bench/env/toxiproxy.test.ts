import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { catalogIds } from '../../scenarios/catalog.ts';
import { readResults } from '../results/read-results.ts';
import { latencyFlag } from '../run/latency-flag.ts';
import { prepareTarget } from '../run/prepare-target.ts';
import type { ProgressReporter } from '../run/progress.ts';
import { runBenchmark } from '../run/run-benchmark.ts';
import { parseRunOptions } from '../run/run-options.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { withEnv } from '../test-support/with-env.ts';
import { runCleanup } from './cleanup.ts';
import { startLocalStack } from './local-stack.ts';
import { findToxiproxy, TOXIPROXY_CACHE_BIN, TOXIPROXY_VERSION, upstreamOf } from './toxiproxy.ts';
import { projectRoot } from '../../lib/paths.ts';

const toxiproxyBin = findToxiproxy();
const dirs: string[] = [];
afterAll(async () => {
  await runCleanup();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The stack's services are the test's own (globalSetup), reached through the chains' env variables. */
const servicesEnv = () => ({ DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') ?? undefined });
const silent: ProgressReporter = { plan() {}, start() {}, tick() {}, done() {}, line() {} };

describe('--db-latency / --cache-latency', () => {
  it('accepts whole milliseconds and refuses a fraction instead of rounding it', () => {
    expect(latencyFlag('db-latency', '2ms')).toBe(2);
    expect(latencyFlag('db-latency', '3')).toBe(3);
    expect(latencyFlag('db-latency', undefined)).toBe(0);
    expect(() => latencyFlag('db-latency', '0.5ms')).toThrow("--db-latency 0.5ms: Toxiproxy's latency toxic adds whole milliseconds only (try 1ms)");
    expect(() => latencyFlag('db-latency', 'fast')).toThrow('--db-latency must be a round-trip time in milliseconds');
    expect(() => latencyFlag('cache-latency', '5000ms')).toThrow('between 0 and 1000 ms');
  });

  it('.ci/run builds the version the harness looks for', async () => {
    const ci = await readFile(join(projectRoot, '.ci/run'), 'utf8');
    expect(ci).toContain(`TOXIPROXY_VERSION=${TOXIPROXY_VERSION}\n`);
    expect(TOXIPROXY_CACHE_BIN.endsWith(`/.cache/perflab/toxiproxy-${TOXIPROXY_VERSION}/server`)).toBe(true);
  });

  it('refuses to run without Toxiproxy, in one line that says how to build it', async () => {
    const options = parseRunOptions({ 'db-latency': '1ms', scale: 'tiny', fixtures: inject('fixturesPath') }, catalogIds);
    const attempt = withEnv({ ...servicesEnv(), TOXIPROXY_BIN: '/nonexistent/toxiproxy-server' }, () => prepareTarget(options, 4, () => {}));
    await expect(attempt).rejects.toThrow(/--db-latency needs Toxiproxy v2\.5\.0, not found: build it with GOBIN=.* go install github\.com\/Shopify\/toxiproxy\/v2\/cmd\/server@v2\.5\.0/);
    const remote = parseRunOptions({ 'db-latency': '1ms', target: 'http://127.0.0.1:1' }, catalogIds);
    await expect(prepareTarget(remote, 4, () => {})).rejects.toThrow('--db-latency cannot apply to --target');
  });

  it.skipIf(requireOrSkip('Toxiproxy', toxiproxyBin !== null))('puts the API behind a proxy with the latency toxic: cutting the proxy takes the API\'s database down', async () => {
    const stack = await withEnv(servicesEnv(), () => startLocalStack({ latency: { dbMs: 2, cacheMs: 1, toxiproxyBin: toxiproxyBin ?? '' } }));
    const proxies = stack.proxies;
    if (!proxies) throw new Error('expected latency proxies');
    const postgresProxy = await proxies.toxiproxy.proxy('postgres');
    expect(postgresProxy.upstream).toBe(upstreamOf(inject('databaseUrl'), 5432));
    expect(postgresProxy.toxics).toEqual([expect.objectContaining({ type: 'latency', stream: 'downstream', attributes: { latency: 2, jitter: 0 } })]);
    if (inject('redisUrl')) {
      const redisProxy = await proxies.toxiproxy.proxy('redis');
      expect(redisProxy.toxics).toEqual([expect.objectContaining({ type: 'latency', attributes: { latency: 1, jitter: 0 } })]);
    }

    const ready = async () => (await fetch(`${stack.api.baseUrl}/ready`)).json() as Promise<{ db: string; cache: { status: string } }>;
    expect(await ready()).toMatchObject({ db: 'up', cache: { status: 'up' } });
    await proxies.toxiproxy.setEnabled('postgres', false);
    expect((await ready()).db, 'the API reaches Postgres only through the proxy').toBe('down');
    await proxies.toxiproxy.setEnabled('postgres', true);
    if (inject('redisUrl')) {
      await proxies.toxiproxy.setEnabled('redis', false);
      expect((await ready()).cache.status, 'and Redis too').toBe('degraded');
      await proxies.toxiproxy.setEnabled('redis', true);
    }
    await stack.api.stop();
    await proxies.toxiproxy.stop();
  }, 60_000);

  it.skipIf(requireOrSkip('Toxiproxy', toxiproxyBin !== null))('records the added latency in results.json and the report', async () => {
    const out = await mkdtemp(join(tmpdir(), 'perflab-latency-'));
    dirs.push(out);
    const options = parseRunOptions({ 'db-latency': '2ms', only: 'catalog-kv', duration: '1', warmup: '0', repeat: '1', scale: 'tiny', fixtures: inject('fixturesPath'), out }, catalogIds);
    const outcome = await withEnv(servicesEnv(), () => runBenchmark(options, silent, 'perflab run --db-latency 2ms'));
    const stored = await readResults(join(outcome.dir, 'results.json'));
    expect(stored.run.options).toMatchObject({ dbLatencyMs: 2, cacheLatencyMs: 0 });
    expect(await readFile(join(outcome.dir, 'results.md'), 'utf8')).toContain('Postgres +2 ms, Redis +0 ms per round trip');
  }, 120_000);
});
