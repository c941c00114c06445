import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lib/usage-error.ts';
import run from './run.ts';
import { closestFlag, rejectUnknownFlags } from './unknown-flags.ts';

const args = run.args as Parameters<typeof rejectUnknownFlags>[1];

describe('rejectUnknownFlags', () => {
  it.each([
    ['--duraton', "unknown option '--duraton': did you mean '--duration'?"],
    ['--conections=4', "unknown option '--conections': did you mean '--connections'?"],
    ['--no-calibrat', "unknown option '--no-calibrat': did you mean '--no-calibrate'?"],
    ['--frobnicate', "unknown option '--frobnicate' (see --help)"],
  ])('refuses %s with a suggestion when one is close', (flag, message) => {
    expect(() => rejectUnknownFlags([flag, '5'], args)).toThrow(new UsageError(message));
  });

  it('accepts known flags, negated booleans and positional ids', () => {
    expect(() => rejectUnknownFlags(['orders-with-items', '--duration', '5', '--no-calibrate', '--json'], args)).not.toThrow();
  });

  it('suggests only within two edits', () => {
    expect(closestFlag('repeats', ['repeat', 'rate'])).toBe('repeat');
    expect(closestFlag('xyz', ['repeat', 'rate'])).toBeNull();
  });
});
