import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import { parseRunOptions } from './run-options.ts';

const ids = ['product-detail-cache'];

describe('--instances', () => {
  it('defaults to one process and takes 1..16 for k6', () => {
    expect(parseRunOptions({}, ids).instances).toBe(1);
    expect(parseRunOptions({ driver: 'k6', instances: '4' }, ids).instances).toBe(4);
    expect(parseRunOptions({ driver: 'autocannon', instances: '1' }, ids).instances).toBe(1);
  });

  it.each([
    [{ driver: 'k6', instances: '0' }, "--instances must be between 1 and 16, got '0'"],
    [{ driver: 'k6', instances: '17' }, "--instances must be between 1 and 16, got '17'"],
    [{ driver: 'k6', instances: 'two' }, "--instances must be a whole number, got 'two'"],
    [{ driver: 'autocannon', instances: '2' }, '--instances 2: the autocannon driver runs one process per scenario; only k6 splits one across instances (--driver k6)'],
    [{ driver: 'all', instances: '2' }, '--instances 2: the autocannon driver'],
  ])('refuses %o in one line', (raw, message) => {
    expect(() => parseRunOptions(raw, ids)).toThrow(UsageError);
    expect(() => parseRunOptions(raw, ids)).toThrow(message);
  });
});
