import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli/errors.ts';
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

  it('expands --driver all (and both) to every registered driver and keeps --only in catalog order', () => {
    const options = parseRunOptions({ driver: 'all', only: 'products-deep-page,orders-with-items' }, ids);
    expect(options.drivers).toEqual([...DRIVER_NAMES]);
    expect(parseRunOptions({ driver: 'both' }, ids).drivers).toEqual([...DRIVER_NAMES]);
    for (const name of DRIVER_NAMES) expect(parseRunOptions({ driver: name }, ids).drivers).toEqual([name]);
    expect(options.only).toEqual(['orders-with-items', 'products-deep-page']);
  });

  it.each([
    [{ duration: '-5' }, '--duration must be between 1 and 600, got -5'],
    [{ duration: 'ten' }, "--duration must be a whole number, got 'ten'"],
    [{ repeat: '0' }, '--repeat must be between 1 and 50, got 0'],
    [{ connections: '1.5' }, "--connections must be a whole number, got '1.5'"],
    [{ driver: 'wrk' }, `--driver must be one of ${DRIVER_NAMES.join(', ')}, both, all, got 'wrk'`],
    [{ scale: 'huge' }, "--scale must be one of tiny, default, large, got 'huge'"],
    [{ only: 'orders,catalog-kv' }, "--only: unknown comparison 'orders'"],
    [{ only: ',' }, '--only needs at least one comparison id'],
  ])('rejects %o with a precise message', (raw, message) => {
    expect(() => parseRunOptions(raw, ids)).toThrow(UsageError);
    expect(() => parseRunOptions(raw, ids)).toThrow(message);
  });
});
