import { describe, expect, it } from 'vitest';
import { encodeRow } from './copy-table.ts';
import { buildPlan, tenantShares } from './plan.ts';
import { createRng, permute, zipfRank } from './prng.ts';
import { parseSeedArgs } from './seed-args.ts';

describe('plan', () => {
  it('gives one tenant half the rows and the rest a long tail, summing to the total', () => {
    const shares = tenantShares(100_000, 8);
    expect(shares[0]).toBeGreaterThanOrEqual(50_000);
    expect(shares[0]).toBeLessThan(50_010);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(tenantShares(3, 3)).toEqual([1, 1, 1]);
  });

  it('lays out contiguous, non-overlapping id ranges and never more tenants than products', () => {
    const plan = buildPlan('default', 42);
    let next = 1;
    for (const t of plan.tenants) {
      expect(t.products.start).toBe(next);
      next += t.products.count;
    }
    expect(next - 1).toBe(100_000);
    expect(buildPlan('tiny', 1, 2, 0).tenants).toHaveLength(2);
  });
});

describe('prng', () => {
  it('is a pure function of its seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const draws = (r: ReturnType<typeof createRng>) => Array.from({ length: 5 }, () => r.next());
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    expect(draws(c)).not.toEqual(first);
  });

  it('permute is a bijection on [0, n) for awkward sizes', () => {
    for (const n of [1, 2, 3, 5, 17, 1000, 4097]) {
      const seen = new Set(Array.from({ length: n }, (_, i) => permute(i, n, 99)));
      expect(seen.size).toBe(n);
      expect(Math.max(...seen)).toBe(n - 1);
    }
  });

  it('zipfRank favours low ranks and stays in range', () => {
    const rng = createRng(1);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 100_000; i++) counts[zipfRank(rng.next(), 1000)]!++;
    expect(counts[0]!).toBeGreaterThan(counts[10]! * 5);
    expect(counts[10]!).toBeGreaterThan(counts[500]!);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100_000);
  });
});

describe('encodeRow', () => {
  it('escapes what COPY text format would misread', () => {
    expect(encodeRow([1, 'a\tb\nc\\d\re', null])).toBe('1\ta\\tb\\nc\\\\d\\re\t\\N\n');
  });
});

describe('parseSeedArgs', () => {
  it('defaults to the default scale and seed 42', () => {
    expect(parseSeedArgs({})).toEqual({ scale: 'default', seed: 42, force: false });
    expect(parseSeedArgs({ scale: 'tiny', products: '10', orders: '0', force: true, fixtures: 'x.json' })).toEqual({
      scale: 'tiny',
      seed: 42,
      products: 10,
      orders: 0,
      force: true,
      fixturesPath: 'x.json',
    });
  });
  it.each([{ products: '0' }, { products: '1e3' }, { orders: '-1' }, { seed: '-1' }, { scale: 'Tiny' }, { fixtures: ' ' }])('rejects %j', (raw) => {
    expect(() => parseSeedArgs(raw)).toThrow(/^--/);
  });
});
