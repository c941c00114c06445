import { describe, expect, it } from 'vitest';
import { durationFlag, enumFlag, idListFlag, integerFlag, MAX_SEED } from './cli-flags.ts';
import { UsageError } from './usage-error.ts';

describe('cli flags', () => {
  it('parse whole numbers in range, the fallback when absent', () => {
    expect(integerFlag('port', ' 8080 ', { min: 0, max: 65535 })).toBe(8080);
    expect(integerFlag('port', undefined, { min: 0, max: 65535 }, 3000)).toBe(3000);
    expect(integerFlag('seed', String(MAX_SEED), { min: 0, max: MAX_SEED })).toBe(4294967295);
  });

  it.each([
    [() => integerFlag('port', '1e3', { min: 0, max: 65535 }), "--port must be a whole number, got '1e3'"],
    [() => integerFlag('port', '70000', { min: 0, max: 65535 }), "--port must be between 0 and 65535, got '70000'"],
    [() => durationFlag('duration', '5x', { min: 1, max: 60 }, 5), "--duration must be a whole number of seconds (or with s, m, h), got '5x'"],
    [() => durationFlag('duration', '2m', { min: 1, max: 60 }, 5), "--duration must be between 1 and 60 seconds, got '2m'"],
    [() => enumFlag('scale', 'huge', ['tiny', 'default'], 'default'), "--scale must be one of tiny, default, got 'huge'"],
    [() => idListFlag('only', 'a,zz', ['a', 'b']), "--only must be one of a, b, got 'zz'"],
    [() => idListFlag('only', ' , ', ['a', 'b']), "--only must be at least one id, got ' , '"],
  ])('refuse a bad value in one style: %#', (parse, message) => {
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });

  it('read durations with a unit and id lists in the order of the known ids', () => {
    expect(durationFlag('duration', '1h', { min: 1, max: 7200 }, 5)).toBe(3600);
    expect(durationFlag('duration', '45', { min: 1, max: 60 }, 5)).toBe(45);
    expect(idListFlag('only', 'b, a,b', ['a', 'b', 'c'])).toEqual(['a', 'b']);
  });
});
