import { describe, expect, it } from 'vitest';
import { classify, describeGrowth, fitGrowth } from './fit-growth.ts';

const sizes = [1_000, 10_000, 100_000, 1_000_000];

describe('fitGrowth', () => {
  it.each([0.5, 1, 2])('recovers the exponent %s of ms = 0.3·rows^k exactly from the log–log fit', (k) => {
    const fit = fitGrowth(sizes.map((rows) => ({ rows, ms: 0.3 * rows ** k })));
    expect(fit.exponent).toBeCloseTo(k, 10);
    expect(fit.rSquared).toBeCloseTo(1, 10);
  });

  it('calls a constant latency flat, with exponent 0 and no R² (there is no variance to explain)', () => {
    expect(fitGrowth(sizes.map((rows) => ({ rows, ms: 1.7 })))).toEqual({ exponent: 0, rSquared: null, msPer100kRows: 0, growth: 'flat' });
  });

  it('gives what 100k rows add from the linear fit: ms = 2 + 0.0004·rows is +40 ms per 100k rows', () => {
    const fit = fitGrowth(sizes.map((rows) => ({ rows, ms: 2 + 0.0004 * rows })));
    expect(fit.msPer100kRows).toBeCloseTo(40, 8);
    // the fixed 2 ms pulls the apparent exponent below 1 over small sizes
    expect(fit.exponent!).toBeGreaterThan(0.7);
    expect(fit.exponent!).toBeLessThan(1);
    expect(fit.growth).toBe('linear');
  });

  it('recovers a known exponent through multiplicative noise, within the noise', () => {
    const noise = [1.05, 0.96, 1.02, 0.98, 1.04, 0.97];
    const rows = [2_000, 5_000, 20_000, 50_000, 200_000, 500_000];
    const fit = fitGrowth(rows.map((r, i) => ({ rows: r, ms: 0.01 * r ** 0.8 * noise[i]! })));
    expect(fit.exponent!).toBeGreaterThan(0.78);
    expect(fit.exponent!).toBeLessThan(0.82);
    expect(fit.rSquared!).toBeGreaterThan(0.99);
  });

  it('has no R² with two points and no exponent when a latency is 0', () => {
    const two = fitGrowth([{ rows: 10_000, ms: 1 }, { rows: 100_000, ms: 10 }]);
    expect(two).toMatchObject({ rSquared: null, growth: 'linear' });
    expect(two.exponent).toBeCloseTo(1, 12);
    const zero = fitGrowth([{ rows: 10_000, ms: 0 }, { rows: 100_000, ms: 10 }]);
    expect(zero).toMatchObject({ exponent: null, growth: null });
    expect(zero.msPer100kRows).toBeCloseTo(100 / 9, 8);
    expect(() => fitGrowth([{ rows: 10_000, ms: 1 }, { rows: 10_000, ms: 2 }])).toThrow(/two or more sizes/);
  });

  it('classifies exponents and says the growth in one phrase', () => {
    expect([0.05, 0.19, 0.2, 0.69, 0.7, 1.29, 1.3, 2].map(classify)).toEqual(['flat', 'flat', 'sub-linear', 'sub-linear', 'linear', 'linear', 'super-linear', 'super-linear']);
    expect(describeGrowth({ exponent: 0.98, rSquared: null, msPer100kRows: 12.34, growth: 'linear' })).toBe('+12.3 ms per 100k rows (exponent 0.98, linear)');
    expect(describeGrowth({ exponent: -0.01, rSquared: null, msPer100kRows: -0.0042, growth: 'flat' })).toBe('−0.004 ms per 100k rows (exponent -0.01, flat)');
  });
});
