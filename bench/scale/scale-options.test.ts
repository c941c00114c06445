import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { formatSize, parseSize, parseSizes } from './parse-sizes.ts';
import { DEFAULT_SCALE_IDS, parseScaleOptions, runOptionsFor } from './scale-options.ts';

const ids = ['orders-with-items', 'products-deep-page', 'product-search', 'sales-report', 'missing-index'];

describe('perflab scale flags', () => {
  it('reads sizes with k and M suffixes, sorted, and defaults to 10k,100k', () => {
    expect(parseSizes('10k,100k,1M')).toEqual([10_000, 100_000, 1_000_000]);
    expect(parseSizes(' 1M , 2.5k,5000 ')).toEqual([2_500, 5_000, 1_000_000]);
    expect(parseSizes(undefined)).toEqual([10_000, 100_000]);
    expect(parseSize('1K')).toBe(1_000);
    expect([1_000, 2_500, 10_000, 1_000_000, 1_500_000, 1_234].map(formatSize)).toEqual(['1k', '2.5k', '10k', '1M', '1.5M', '1234']);
  });

  it.each([
    ['10k,', /comma-separated sizes/],
    ['ten', /sizes such as 10k, 100k or 1M/],
    ['-5k,10k', /sizes such as 10k/],
    ['10x,20k', /sizes such as 10k/],
    ['1e4,2e4', /sizes such as 10k/],
    ['1.0005k,2k', /whole numbers of rows, got '1.0005k'/],
    ['500,10k', /between 1k and 10M rows each, got '500'/],
    ['10k,20M', /between 1k and 10M rows each, got '20M'/],
    ['10k,10000', /must not repeat a size/],
    ['10k', /at least two sizes/],
  ])("refuses --sizes '%s' with one line", (raw, message) => {
    expect(() => parseSizes(raw)).toThrow(UsageError);
    expect(() => parseSizes(raw)).toThrow(message);
  });

  it("passes run flags through perflab run's parser: same defaults, same refusals, no calibration", () => {
    const options = parseScaleOptions({ sizes: '1k,5k', only: 'orders-with-items', quick: true }, ids);
    expect(options.sizes).toEqual([1_000, 5_000]);
    expect(options.run).toMatchObject({ only: ['orders-with-items'], quick: true, repeat: 2, durationSec: 2, calibrate: false, scale: 'default' });
    expect(parseScaleOptions({}, ids).run.only).toEqual(DEFAULT_SCALE_IDS);
    expect(() => parseScaleOptions({ only: 'nope' }, ids)).toThrow(/--only must be one of/);
    expect(() => parseScaleOptions({ repeat: '0' }, ids)).toThrow(/--repeat must be between 1 and 50/);
    expect(() => parseScaleOptions({ sizes: '1k' }, ids)).toThrow(/at least two sizes/);
  });

  it('gives each size its own data dir, fixtures file and row counts, and puts its run under the scale folder', () => {
    const options = parseScaleOptions({ sizes: '1k,5k' }, ids);
    const run = runOptionsFor(options, 5_000, '/tmp/reports/x-scale');
    expect(run.dataset).toEqual({ products: 5_000, orders: 5_000, pgDataDir: expect.stringMatching(/\/scale\/5000\/pgdata$/) });
    expect(run.fixturesPath).toMatch(/\/scale\/5000\/fixtures\.json$/);
    expect(run.outDir).toBe('/tmp/reports/x-scale/runs');
    expect(runOptionsFor(options, 1_000, '/tmp/r').dataset!.pgDataDir).not.toBe(run.dataset!.pgDataDir);
  });
});
