import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perflabStateDir } from './perflab-home.ts';

describe('perflabStateDir', () => {
  it('is PERFLAB_HOME itself, resolved as node resolves it', () => {
    for (const home of ['/var/tmp/perflab', '/var/tmp//perflab/', 'state', './a/../state/', '../up']) {
      expect(perflabStateDir(home, '/repo/', '/home/me/work')).toBe(resolve('/home/me/work', home));
    }
  });

  it('defaults to .perflab in the project root', () => {
    expect(perflabStateDir(undefined, '/repo/', '/elsewhere')).toBe('/repo/.perflab');
    expect(perflabStateDir('', '/repo', '/elsewhere')).toBe('/repo/.perflab');
  });
});
