import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
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

  it('expands --driver both and keeps --only in catalog order', () => {
    const options = parseRunOptions({ driver: 'both', only: 'products-deep-page,orders-with-items' }, ids);
    expect(options.drivers).toEqual(['autocannon', 'k6']);
    expect(options.only).toEqual(['orders-with-items', 'products-deep-page']);
  });

  it.each([
    [{ duration: '-5' }, '--duration must be between 1 and 600, got -5'],
    [{ duration: 'ten' }, "--duration must be a whole number, got 'ten'"],
    [{ repeat: '0' }, '--repeat must be between 1 and 50, got 0'],
    [{ connections: '1.5' }, "--connections must be a whole number, got '1.5'"],
    [{ driver: 'wrk' }, "--driver must be one of autocannon, k6, both, got 'wrk'"],
    [{ scale: 'huge' }, "--scale must be one of tiny, default, large, got 'huge'"],
    [{ only: 'orders,catalog-kv' }, "--only: unknown comparison 'orders'"],
    [{ only: ',' }, '--only needs at least one comparison id'],
  ])('rejects %o with a precise message', (raw, message) => {
    expect(() => parseRunOptions(raw, ids)).toThrow(UsageError);
    expect(() => parseRunOptions(raw, ids)).toThrow(message);
  });
});
