import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixturesLocation } from './fixtures.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

describe('where the k6 scripts look for fixtures', () => {
  it('is where the CLI writes them: PERFLAB_HOME itself, else .perflab in the repository', () => {
    expect(fixturesLocation({})).toBe(`${root}/.perflab/fixtures.json`);
    expect(fixturesLocation({ PERFLAB_HOME: '/var/tmp/perflab/' })).toBe('/var/tmp/perflab/fixtures.json');
    expect(fixturesLocation({ PERFLAB_HOME: 'state', PWD: '/home/me' })).toBe('/home/me/state/fixtures.json');
    expect(fixturesLocation({ PERFLAB_HOME: '/ignored', FIXTURES: 'given.json' })).toBe('given.json');
  });

  it('asks for an absolute PERFLAB_HOME when it cannot resolve a relative one', () => {
    expect(() => fixturesLocation({ PERFLAB_HOME: 'state' })).toThrow("PERFLAB_HOME='state' is relative and k6 sees no PWD");
  });
});
