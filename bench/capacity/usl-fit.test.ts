import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seeded-random.ts';
import { fitUsl, uslThroughput } from './usl-fit.ts';

const LEVELS = [1, 2, 4, 8, 16, 32, 64];

function noisySweep(truth: { lambda: number; sigma: number; kappa: number }, seed: number, noise = 0.02) {
  const random = seededRandom(seed);
  return LEVELS.map((concurrency) => ({ concurrency, throughput: uslThroughput(concurrency, truth) * (1 + noise * (2 * random() - 1)) }));
}

const within = (actual: number, expected: number, share: number) => expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(share);

describe('the USL fit', () => {
  it.each([
    { lambda: 1000, sigma: 0.05, kappa: 0.0005, seed: 1 },
    { lambda: 250, sigma: 0.1, kappa: 0.002, seed: 2 },
    { lambda: 4000, sigma: 0.02, kappa: 0.0004, seed: 3 },
  ])('recovers σ, κ, λ within 10% from data with 2% noise (λ $lambda, σ $sigma, κ $kappa)', (truth) => {
    const fit = fitUsl(noisySweep(truth, truth.seed));
    within(fit.lambda, truth.lambda, 0.1);
    within(fit.sigma, truth.sigma, 0.1);
    within(fit.kappa, truth.kappa, 0.1);
    within(fit.peakConcurrency!, Math.sqrt((1 - truth.sigma) / truth.kappa), 0.1);
    expect(fit.rSquared).toBeGreaterThan(0.98);
    expect(fit.warnings).toEqual([]);
  });

  it('says no retrograde region was observed when throughput only flattens (κ = 0)', () => {
    const fit = fitUsl(noisySweep({ lambda: 500, sigma: 0.1, kappa: 0 }, 4, 0.005));
    expect(fit.kappa).toBeLessThan(1e-4);
    expect(fit.warnings.join(' ')).toMatch(/no retrograde region observed/);
  });

  it('says the fit is poor when the points follow no USL shape', () => {
    const zigzag = LEVELS.map((concurrency, i) => ({ concurrency, throughput: i % 2 === 0 ? 100 : 900 }));
    expect(fitUsl(zigzag).warnings.join(' ')).toMatch(/poor fit/);
  });

  it('reports a finite peak at one client when throughput only falls as clients are added (σ → 1, N* < 1)', () => {
    // measured on a loaded host: product-detail-cache naive, 1..8 clients
    const falling = [77, 24, 41, 16].map((throughput, i) => ({ concurrency: 2 ** i, throughput }));
    const fit = fitUsl(falling);
    expect(fit.peakConcurrency).toBeLessThan(1);
    expect(Number.isFinite(fit.maxThroughput)).toBe(true);
    within(fit.maxThroughput!, uslThroughput(1, fit), 1e-9);
    expect(fit.warnings.join(' ')).toMatch(/the peak is one client/);
  });

  it('fits a noisy sweep whose first level is an outlier at least as well as the best line through the origin', () => {
    // measured on a loaded host (product-detail-cache optimized, k6 run's autocannon sweep): X(1) is far above X(2)
    const sweep = [111, 40, 124, 225, 788].map((throughput, i) => ({ concurrency: 2 ** i, throughput }));
    const residual = (predict: (n: number) => number) => sweep.reduce((sum, p) => sum + (p.throughput - predict(p.concurrency)) ** 2, 0);
    const slope = sweep.reduce((sum, p) => sum + p.concurrency * p.throughput, 0) / sweep.reduce((sum, p) => sum + p.concurrency ** 2, 0);
    const fit = fitUsl(sweep);
    expect(residual((n) => uslThroughput(n, fit))).toBeLessThanOrEqual(1.01 * residual((n) => slope * n));
  });

  it('refuses a sweep of fewer than 3 usable levels', () => {
    expect(() => fitUsl([{ concurrency: 1, throughput: 10 }, { concurrency: 2, throughput: 0 }])).toThrow(/at least 3/);
  });
});
