import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { catalogIds } from '../../scenarios/catalog.ts';

const BIN = new URL('./bin.mjs', import.meta.url).pathname;

/** `perflab run …` refused while parsing its flags: nothing is started, so this is quick. */
function perflabRun(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'run', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

describe('perflab run argument errors: one line, exit 2', () => {
  it('refuses an unknown positional comparison id, listing the known ones', () => {
    expect(perflabRun(['orders'])).toMatchObject({ code: 2, stderr: `perflab: a comparison id must be one of ${catalogIds.join(', ')}, got 'orders'` });
  });

  it('suggests the flag a typo meant', () => {
    expect(perflabRun(['--duraton', '5'])).toMatchObject({ code: 2, stderr: "perflab: unknown option '--duraton': did you mean '--duration'?" });
  });
});
