import { allSucceededOutput } from '../test-support/driver-output.ts';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalogIds } from '../../scenarios/catalog.ts';
import type { Driver, DriverOutput, ScenarioCall } from '../drivers/driver.ts';
import type { DriverName } from '../drivers/driver-names.ts';
import type { DriverRegistry } from '../drivers/registry.ts';
import { spawnApiServer, type ApiServerProcess } from '../server-process.ts';
import type { ProgressReporter } from './progress.ts';
import { runBenchmark } from './run-benchmark.ts';
import { parseRunOptions } from './run-options.ts';

/** Marks a warm-up window's output: it must never reach the results. */
const WARMUP_REQUESTS = 999_999;
const WARMUP_SEC = 1;

/**
 * A stand-in load generator that counts what the orchestrator asks of it. The test is about the
 * orchestrator (find once, warm up once, discard), so no load is generated; the server is real.
 */
function countingDriver(name: DriverName, present = true) {
  const calls = { find: 0, runs: [] as ScenarioCall[] };
  const driver: Driver = {
    name,
    evaluatesThresholds: 'harness',
    async find() {
      calls.find++;
      if (!present) return { driver, missing: `${name} is not installed here` };
      return { driver, version: '0.0.0-test', run: async (call) => (calls.runs.push(call), figures(call)) };
    },
    loadModel: (profile, overrides) => ({ type: 'closed', connections: overrides.connections ?? profile.closed.connections }),
  };
  return { driver, calls };
}

function figures(call: ScenarioCall): DriverOutput {
  const warmup = call.comparison !== 'noop' && call.durationSec === WARMUP_SEC;
  const requests = warmup ? WARMUP_REQUESTS : 10 * call.durationSec;
  return allSucceededOutput(requests, call.durationSec, {
    failureRate: 0,
    perSecond: warmup ? [requests] : new Array(call.durationSec).fill(10),
    latencyMs: { p50: 1, p90: 2, p95: 2, p99: 3, p999: 4, max: 5, mean: 1.2 },
    latencyNote: 'test figures',
    generator: { cpuCores: 0.1, offeredRate: null, deliveredRate: requests / call.durationSec, droppedIterations: null, vusExhausted: null, saturated: false, rateHeld: null, reason: null },
  });
}

const silent = (lines: string[]): ProgressReporter => ({ plan() {}, start() {}, tick() {}, done() {}, line: (text) => void lines.push(text) });

let server: ApiServerProcess;
let out: string;
beforeAll(async () => {
  server = await spawnApiServer({ databaseUrl: inject('databaseUrl'), redisUrl: inject('redisUrl') });
  out = await mkdtemp(join(tmpdir(), 'perflab-orchestrator-'));
});
afterAll(async () => {
  await server?.stop();
  await rm(out, { recursive: true, force: true });
});

const options = (driver: string, repeat: number) =>
  parseRunOptions({ driver, only: 'catalog-kv,products-deep-page', duration: '2', warmup: String(WARMUP_SEC), repeat: String(repeat), target: server.baseUrl, fixtures: inject('fixturesPath'), out }, catalogIds);

describe('runBenchmark with an injected registry', () => {
  it('finds each driver once per run, warms up once per driver/comparison/variant and discards it', async () => {
    const autocannon = countingDriver('autocannon');
    const k6 = countingDriver('k6');
    const registry: DriverRegistry = { autocannon: autocannon.driver, k6: k6.driver };
    const lines: string[] = [];
    const outcome = await runBenchmark(options('all', 3), silent(lines), 'test', registry);

    expect(outcome.results.scenarios).toHaveLength(2 * 2 * 3 * 2);
    for (const { calls } of [autocannon, k6]) {
      expect(calls.find).toBe(1);
      const scenarioCalls = calls.runs.filter((c) => c.comparison !== 'noop');
      const warmups = scenarioCalls.filter((c) => c.durationSec === WARMUP_SEC).map((c) => `${c.comparison}/${c.variant}`);
      expect(warmups.sort()).toEqual(['catalog-kv/naive', 'catalog-kv/optimized', 'products-deep-page/naive', 'products-deep-page/optimized']);
      for (const key of warmups) {
        const first = scenarioCalls.findIndex((c) => `${c.comparison}/${c.variant}` === key);
        expect(scenarioCalls[first]?.durationSec, `${key} warms up before it is measured`).toBe(WARMUP_SEC);
      }
      expect(scenarioCalls.filter((c) => c.durationSec === 2)).toHaveLength(2 * 3 * 2);
      // calibration reuses the found driver: one warm-up and one measured /noop window
      expect(calls.runs.filter((c) => c.comparison === 'noop')).toHaveLength(2);
    }
    expect(outcome.results.scenarios.every((s) => s.requests === 20)).toBe(true);
    expect(outcome.results.calibration.map((c) => c.driver).slice(0, 2)).toEqual(['autocannon', 'k6']);
    expect(lines).toContain('drivers: autocannon 0.0.0-test, k6 0.0.0-test');
    // what was found and what was used, so a report can say why a found generator did not run
    expect(outcome.results.run.host.drivers).toEqual([
      { name: 'autocannon', version: '0.0.0-test' },
      { name: 'k6', version: '0.0.0-test' },
    ]);
    expect(outcome.results.run.options).toMatchObject({ drivers: ['autocannon', 'k6'], defaultDriver: 'autocannon' });
    // reproducibility: the tree's state and the shaping libraries; a --target API's settings are unknown to perflab
    expect(typeof outcome.results.run.dirty).toBe('boolean');
    expect(outcome.results.run.host.libraries.postgres).toMatch(/^3\./);
    expect(outcome.results.run.host).toMatchObject({ serverSettings: null, postgresSettings: null });
    const tables = Object.keys(outcome.results.dataset.rows);
    expect(tables.length).toBeGreaterThan(3);
    expect(tables).toEqual([...tables].sort((a, b) => a.localeCompare(b)));
  }, 120_000);

  it('skips a missing driver with a notice, and refuses a run whose every chosen driver is missing', async () => {
    const registry: DriverRegistry = { autocannon: countingDriver('autocannon').driver, k6: countingDriver('k6', false).driver };
    await expect(runBenchmark(options('k6', 1), silent([]), 'test', registry)).rejects.toThrow('--driver k6: k6 is not installed here');
    const outcome = await runBenchmark(options('all', 1), silent([]), 'test', registry);
    expect(new Set(outcome.results.scenarios.map((s) => s.driver))).toEqual(new Set(['autocannon']));
    expect(outcome.results.notices).toContain('k6 is not installed here: the k6 driver was skipped.');
    expect(outcome.results.run.host.drivers.map((d) => d.name)).toEqual(['autocannon']);
  }, 120_000);

  it('calibrates only the drivers in use (no wrk), and not at all with --no-calibrate, saying so', async () => {
    const autocannon = countingDriver('autocannon');
    const k6 = countingDriver('k6');
    const registry: DriverRegistry = { autocannon: autocannon.driver, k6: k6.driver };
    const outcome = await runBenchmark(options('autocannon', 1), silent([]), 'test', registry);
    expect(outcome.results.calibration.map((c) => c.driver)).toEqual(['autocannon']);
    expect(k6.calls.runs).toEqual([]);

    const uncalibrated = await runBenchmark({ ...options('autocannon', 1), calibrate: false }, silent([]), 'test', registry);
    expect(uncalibrated.results.calibration).toEqual([]);
    expect(uncalibrated.results.variants.every((v) => v.ceilingShare === null)).toBe(true);
    expect(uncalibrated.results.notices.some((n) => n.startsWith('Not calibrated (--no-calibrate)'))).toBe(true);
    expect(autocannon.calls.runs.filter((c) => c.comparison === 'noop')).toHaveLength(2);
  }, 120_000);

  it('writes no run folder when it stops before any run completed', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'perflab-no-folder-'));
    const failing: Driver = {
      ...countingDriver('autocannon').driver,
      find: async () => ({ driver: failing, version: '0.0.0-test', run: async (call) => (call.comparison === 'noop' ? figures(call) : Promise.reject(new Error('generator crashed'))) }),
    };
    const registry: DriverRegistry = { autocannon: failing, k6: countingDriver('k6').driver };
    await expect(runBenchmark({ ...options('autocannon', 1), outDir: empty }, silent([]), 'test', registry)).rejects.toThrow('generator crashed');
    expect(await readdir(empty)).toEqual([]);
    await rm(empty, { recursive: true, force: true });
  }, 120_000);
});
