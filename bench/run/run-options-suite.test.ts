import { describe, expect, it } from 'vitest';
import { catalog, catalogIds } from '../../scenarios/catalog.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { parseRunOptions } from './run-options.ts';

const core = catalog.filter((e) => e.suite === 'core').map((e) => e.id);
const extended = catalog.filter((e) => e.suite === 'extended').map((e) => e.id);

describe('perflab run --suite', () => {
  it('runs the core suite by default, so a plain run leaves the extended comparisons out', () => {
    expect(core.length).toBeGreaterThan(0);
    expect(extended.length).toBeGreaterThan(0);
    expect(parseRunOptions({}, catalogIds)).toMatchObject({ suite: 'core', only: core });
  });

  it('runs the extended suite alone, or every comparison with all', () => {
    expect(parseRunOptions({ suite: 'extended' }, catalogIds)).toMatchObject({ suite: 'extended', only: extended });
    expect(parseRunOptions({ suite: 'all' }, catalogIds)).toMatchObject({ suite: 'all', only: null });
  });

  it('lets --only pick from the whole catalog, and refuses --only with --suite', () => {
    expect(parseRunOptions({ only: `${extended[0]},${core[0]}` }, catalogIds).only).toEqual(catalogIds.filter((id) => id === extended[0] || id === core[0]));
    expect(() => parseRunOptions({ only: core[0], suite: 'core' }, catalogIds)).toThrow(new UsageError('give either comparison ids (--only or as arguments) or --suite, not both'));
  });

  it('refuses an unknown suite naming the choices', () => {
    expect(() => parseRunOptions({ suite: 'everything' }, catalogIds)).toThrow(/--suite must be one of core, extended, all/);
  });
});
