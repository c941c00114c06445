import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';

const run = promisify(execFile);

/** `perflab capacity …` as a user runs it; resolves with exit code and output (never throws on exit ≠ 0). */
async function perflab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(projectRoot, 'bench/cli/bin.mjs'), 'capacity', ...args], { cwd: projectRoot, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('perflab capacity on bad input (refused before anything starts)', () => {
  it.each([
    [['--slo', 'fast'], /^perflab: --slo must be p95<Nms and\/or p99<Nms \(e\.g\. 'p95<100ms,p99<250ms'\), got 'fast'\n$/],
    [['--target-rps', '0.5'], /^perflab: the target \(0\.500 req\/s\) is below one step of the sweep \(steps are whole req\/s, from 1\): there is nothing to size\n$/],
    [['--users', '10', '--requests-per-user-day', '1'], /^perflab: the target \(0\.000 req\/s\) is below one step/],
    [['--headroom', '120%'], /^perflab: --headroom must be between 0% and 90%, got '120%'\n$/],
    [['--only', 'nope'], /^perflab: --only must be one of /],
  ])('%j: one line, exit 2, no stack', async (args, message) => {
    const { code, stderr } = await perflab(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('lists its flags under --help', async () => {
    const { code, stdout } = await perflab('--help');
    expect(code).toBe(0);
    for (const flag of ['--only', '--slo', '--target-rps', '--headroom', '--users', '--quick', '--driver']) expect(stdout).toContain(flag);
  });
});
