import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';

/** Runs `script` in a fresh Node outside vitest (no VITEST variable) and returns its stdout. */
function runOutsideVitest(script: string): string {
  const { VITEST, ...env } = process.env;
  return execFileSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { env, encoding: 'utf8' });
}

describe('onCleanup', () => {
  it('registers a step without installing signal handlers, whatever the environment', () => {
    const cleanup = JSON.stringify(join(projectRoot, 'bench/env/cleanup.ts'));
    const out = runOutsideVitest(`
      const { onCleanup } = await import(${cleanup});
      const before = process.listenerCount('SIGTERM');
      onCleanup('nothing', () => {});
      console.log(JSON.stringify({ before, after: process.listenerCount('SIGTERM') }));`);
    expect(JSON.parse(out)).toEqual({ before: 0, after: 0 });
  });

  it('leaves installing them to the entry point, once', () => {
    const cleanup = JSON.stringify(join(projectRoot, 'bench/env/cleanup.ts'));
    const out = runOutsideVitest(`
      const { installExitHandlers } = await import(${cleanup});
      installExitHandlers();
      installExitHandlers();
      console.log(process.listenerCount('SIGTERM'));`);
    expect(Number(out)).toBe(1);
  });
});
