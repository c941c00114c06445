import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readResults } from '../results/read-results.ts';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));

function perflab(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const work = await mkdtemp(join(tmpdir(), 'perflab-micro-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('perflab micro', () => {
  it('--quick --only cursor runs the suite and writes a valid results.json with the four reports', async () => {
    const { code, stdout, stderr } = await perflab(['micro', '--quick', '--only', 'cursor', '--out', work]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\[1\/1\] cursor: done in [\d.]+ s$/m);
    const [runDir] = await readdir(work);
    expect((await readdir(join(work, runDir!))).sort()).toEqual(['junit.xml', 'report.html', 'results.json', 'results.md']);
    const results = await readResults(join(work, runDir!, 'results.json'));
    expect(results.micro?.suites.map((suite) => suite.id)).toEqual(['cursor']);
    expect(results.micro?.tasks.map((task) => task.key)).toEqual(['cursor/encode', 'cursor/decode']);
    expect(results.micro?.options).toMatchObject({ repeats: 3, timeMs: 100 });
    expect(results.run.options.quick).toBe(true);
  }, 60_000);

  it('refuses an unknown suite in one line, exit 2', async () => {
    const { code, stderr } = await perflab(['micro', '--only', 'cursor,nope']);
    expect(code).toBe(2);
    expect(stderr).toBe("perflab: --only must name suites among order-page-json, jwt-verify, import-rows-validation, cursor, cache-encoding, got 'cursor,nope'\n");
  });

  it('--help lists its flags', async () => {
    const { code, stdout } = await perflab(['micro', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--only', '--quick', '--repeat', '--out']) expect(stdout).toContain(flag);
  });
});
