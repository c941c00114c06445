import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';

it('perflab --version prints the version package.json declares', () => {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  expect(execFileSync(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), '--version'], { encoding: 'utf8' })).toBe(`${version}\n`);
});
