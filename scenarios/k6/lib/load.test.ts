import { describe, expect, it } from 'vitest';
import { catalog, catalogEntry } from '../../catalog.ts';
import { createRandom } from '../../random.ts';
import { readEnv } from './env.ts';
import { SERVE_POOL_MAX, loadScenarios, peakVus, scopedThresholds } from './load.ts';

describe('k6 env', () => {
  it('has defaults that work standalone', () => {
    expect(readEnv({})).toMatchObject({ baseUrl: 'http://127.0.0.1:3000', variant: 'naive', model: 'open', durationSec: 10, warmupSec: 3, rate: null, fixturesPath: null });
    expect(readEnv({ DURATION: '2m', WARMUP: '0', BASE_URL: 'http://h:1/' })).toMatchObject({ durationSec: 120, warmupSec: 0, baseUrl: 'http://h:1' });
  });

  it('rejects junk with a message naming the variable', () => {
    expect(() => readEnv({ VARIANT: 'fast' })).toThrow("VARIANT must be naive or optimized (got 'fast')");
    expect(() => readEnv({ RATE: '-5' })).toThrow("RATE must be an integer ≥ 1 (got '-5')");
    expect(() => readEnv({ DURATION: 'soon' })).toThrow(/DURATION must be a whole number of seconds/);
    expect(() => readEnv({ MODEL: 'both' })).toThrow(/MODEL must be open or closed/);
    expect(() => readEnv({ THRESHOLDS: '{bad' })).toThrow(/^THRESHOLDS must be a JSON object like .* \(got '\{bad'\)$/);
    expect(() => readEnv({ THRESHOLDS: '{"http_reqs":"count>0"}' })).toThrow(/THRESHOLDS must be a JSON object/);
  });
});

describe('k6 load shapes', () => {
  const entry = catalogEntry('product-detail-cache');

  it('open model: warm-up then measure at the catalog rate, every VU allocated up front', () => {
    const scenarios = loadScenarios(entry, readEnv({ DURATION: '5', WARMUP: '2' }));
    expect(scenarios).toEqual({
      warmup: expect.objectContaining({ executor: 'constant-arrival-rate', rate: entry.load.open.rate, duration: '2s', startTime: '0s' }),
      measure: expect.objectContaining({ executor: 'constant-arrival-rate', rate: entry.load.open.rate, duration: '5s', startTime: '2s', preAllocatedVUs: entry.load.open.maxConnections, maxVUs: entry.load.open.maxConnections }),
    });
  });

  it('closed model and no warm-up', () => {
    expect(loadScenarios(entry, readEnv({ MODEL: 'closed', VUS: '3', WARMUP: '0' }))).toEqual({
      measure: expect.objectContaining({ executor: 'constant-vus', vus: 3, startTime: '0s' }),
    });
  });

  it('scopes catalog thresholds to the measured scenario and keeps extra ones as written', () => {
    const env = readEnv({ THRESHOLDS: JSON.stringify({ 'http_reqs{name:x}': ['count>0'] }) });
    const custom = { ...entry, thresholds: { http_req_duration: ['p(95)<20'], 'checks{check:a}': ['rate>0.9'], 'x{scenario:warmup}': ['count>0'] } };
    expect(scopedThresholds(custom, env)).toEqual({
      'http_req_duration{scenario:measure}': ['p(95)<20'],
      'checks{scenario:measure}': ['rate>0.99'],
      'checks{check:a,scenario:measure}': ['rate>0.9'],
      'http_reqs{scenario:measure}': ['count>0'],
      'x{scenario:warmup}': ['count>0'],
      'http_reqs{name:x}': ['count>0'],
    });
  });
});

describe('pool sizing', () => {
  it('counts warm-up and measure VUs: the warm-up tail overlaps the measured start', () => {
    const entry = catalogEntry('orders-with-items');
    expect(peakVus(loadScenarios(entry, readEnv({})))).toBe(2 * entry.load.open.maxConnections);
    expect(peakVus(loadScenarios(entry, readEnv({ WARMUP: '0', MODEL: 'closed', VUS: '3' })))).toBe(3);
  });

  it("serve's default pool holds every catalog script's peak plus setup", () => {
    const peak = Math.max(...catalog.flatMap((e) => [readEnv({}), readEnv({ MODEL: 'closed' })].map((env) => peakVus(loadScenarios(e, env)))));
    expect(SERVE_POOL_MAX).toBeGreaterThanOrEqual(peak + 4);
  });
});

describe('seeded random source', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.next())(createRandom(seed)));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('draws Zipf indexes in range with index 0 the most frequent', () => {
    const rnd = createRandom(9);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 5000; i++) counts[rnd.zipf(10, 1.1)]++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(Math.max(...counts)).toBe(counts[0]);
    expect(counts[0]).toBeGreaterThan(counts[9] * 5);
  });
});
