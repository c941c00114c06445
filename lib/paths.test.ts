import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from './paths.ts';

const tsx = import.meta.resolve('tsx');

it('PERFLAB_HOME is the state folder itself, as the README says (tests and the Postgres hint rely on it)', () => {
  const script = `const p = await import(${JSON.stringify(join(projectRoot, 'lib/paths.ts'))}); console.log(JSON.stringify([p.perflabDir, p.defaultPgDataDir]));`;
  const out = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
    env: { ...process.env, PERFLAB_HOME: '/var/tmp/perflab-x' },
    encoding: 'utf8',
  });
  expect(JSON.parse(out)).toEqual(['/var/tmp/perflab-x', '/var/tmp/perflab-x/pgdata']);
  const row = readFileSync(join(projectRoot, 'README.md'), 'utf8').split('\n').find((line) => line.startsWith('| `PERFLAB_HOME` |'));
  expect(row).toContain('the state folder itself');
  expect(row).toContain('`PERFLAB_HOME=/var/tmp/perflab` puts the data in `/var/tmp/perflab/pgdata`');
});
