import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { DEFAULT_RUN_OPTIONS, parseRunOptions, QUICK_OVERRIDES } from './run-options.ts';

const ids = ['orders-with-items', 'catalog-kv', 'products-deep-page'];

describe('parseRunOptions', () => {
  it('applies the defaults when no flag is given', () => {
    const options = parseRunOptions({}, ids);
    expect(options).toMatchObject({ drivers: ['autocannon'], only: null, durationSec: DEFAULT_RUN_OPTIONS.durationSec, repeat: DEFAULT_RUN_OPTIONS.repeat, target: null });
  });

  it('shortens every run with --quick but lets explicit flags win', () => {
    expect(parseRunOptions({ quick: true }, ids)).toMatchObject(QUICK_OVERRIDES);
    expect(parseRunOptions({ quick: true, duration: '7' }, ids).durationSec).toBe(7);
  });

  it('reads durations in seconds, or with a unit', () => {
    expect(parseRunOptions({ duration: '2m', warmup: '5s' }, ids)).toMatchObject({ durationSec: 120, warmupSec: 5 });
  });

  it('accepts every 32-bit seed, the range `perflab seed` accepts too', () => {
    expect(parseRunOptions({ seed: '4294967295' }, ids).seed).toBe(4294967295);
  });

  it('expands --driver all (and both) to every registered driver and keeps --only in catalog order', () => {
    const options = parseRunOptions({ driver: 'all', only: 'products-deep-page,orders-with-items' }, ids);
    expect(options.drivers).toEqual([...DRIVER_NAMES]);
    expect(parseRunOptions({ driver: 'both' }, ids).drivers).toEqual([...DRIVER_NAMES]);
    for (const name of DRIVER_NAMES) expect(parseRunOptions({ driver: name }, ids).drivers).toEqual([name]);
    expect(options.only).toEqual(['orders-with-items', 'products-deep-page']);
  });

  it('takes positional arguments as comparison ids, together with --only, in catalog order', () => {
    expect(parseRunOptions({}, ids, ['products-deep-page']).only).toEqual(['products-deep-page']);
    expect(parseRunOptions({ only: 'products-deep-page' }, ids, ['orders-with-items']).only).toEqual(['orders-with-items', 'products-deep-page']);
  });

  it('refuses an unknown positional comparison id, listing the known ones', () => {
    expect(() => parseRunOptions({}, ids, ['orders'])).toThrow(new UsageError("a comparison id must be one of orders-with-items, catalog-kv, products-deep-page, got 'orders'"));
  });

  it('calibrates unless --no-calibrate', () => {
    expect(parseRunOptions({}, ids).calibrate).toBe(true);
    expect(parseRunOptions({ calibrate: false }, ids).calibrate).toBe(false);
  });

  it('refuses a non-loopback --target without --allow-remote while parsing, before anything starts', () => {
    expect(() => parseRunOptions({ target: 'http://10.0.0.1' }, ids)).toThrow('refusing to load 10.0.0.1');
    expect(parseRunOptions({ target: 'http://10.0.0.1', 'allow-remote': true }, ids).target).toBe('http://10.0.0.1');
  });

  it.each([
    [{ duration: '-5' }, "--duration must be a whole number of seconds (or with s, m, h), got '-5'"],
    [{ duration: 'ten' }, "--duration must be a whole number of seconds (or with s, m, h), got 'ten'"],
    [{ duration: '11m' }, "--duration must be between 1 and 600 seconds, got '11m'"],
    [{ repeat: '0' }, "--repeat must be between 1 and 50, got '0'"],
    [{ connections: '1.5' }, "--connections must be a whole number, got '1.5'"],
    [{ seed: '4294967296' }, "--seed must be between 0 and 4294967295, got '4294967296'"],
    [{ driver: 'wrk' }, `--driver must be one of ${DRIVER_NAMES.join(', ')}, both, all, got 'wrk'`],
    [{ scale: 'huge' }, "--scale must be one of tiny, default, large, got 'huge'"],
    [{ only: 'orders,catalog-kv' }, "--only must be one of orders-with-items, catalog-kv, products-deep-page, got 'orders'"],
    [{ only: ',' }, "--only must be at least one id, got ','"],
  ])('rejects %o with a precise message', (raw, message) => {
    expect(() => parseRunOptions(raw, ids)).toThrow(UsageError);
    expect(() => parseRunOptions(raw, ids)).toThrow(message);
  });
});
