import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findK6 } from '../env/k6.ts';
import { isAlive } from '../env/embedded-postgres.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { readResults } from '../results/read-results.ts';

const BIN = new URL('../cli/bin.mjs', import.meta.url).pathname;
const k6 = await findK6();
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'perflab-run-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** `perflab run` against the test cluster (tiny set, already seeded: the seeder skips). */
function perflabRun(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'run', '--scale', 'tiny', '--fixtures', join(work, 'fixtures.json'), '--out', join(work, 'reports'), ...args], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') ?? '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function onlyRunDir(): Promise<string> {
  // history.jsonl sits beside the run directories (perflab gate --baseline-from-history reads it)
  const dirs = (await readdir(join(work, 'reports'))).filter((name) => name !== 'history.jsonl');
  expect(dirs).toHaveLength(1);
  return join(work, 'reports', dirs[0] as string);
}

describe('perflab run', () => {
  it('refuses a non-loopback --target without --allow-remote, in one line', async () => {
    const run = perflabRun(['--target', 'http://10.0.0.1']);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr.trim()).toBe('perflab: refusing to load 10.0.0.1: it is not a loopback address; pass --allow-remote if you own it');
  });

  it.skipIf(requireOrSkip('k6', k6 !== null))('runs a tiny catalog slice with both drivers and writes four valid reports', async () => {
    const run = perflabRun(['--driver', 'both', '--only', 'products-deep-page,product-detail-cache,bulk-import', '--duration', '1', '--warmup', '1', '--repeat', '1', '--connections', '4', '--rate', '20']);
    const code = await run.exited;
    expect(run.output().stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect([0, 1]).toContain(code);
    const dir = await onlyRunDir();
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'results.json', 'results.md']);
    const results = await readResults(join(dir, 'results.json'));
    expect(results.run.complete).toBe(true);
    expect(results.scenarios).toHaveLength(3 * 2 * 2);
    // one repeat: each stored per-variant aggregate is its one run
    expect(results.variants.map((v) => [v.comparison, v.driver, v.variant, v.queriesPerRequest])).toEqual(results.scenarios.map((s) => [s.comparison, s.driver, s.variant, s.server.queriesPerRequest]));
    expect(new Set(results.scenarios.map((s) => s.driver))).toEqual(new Set(['autocannon', 'k6']));
    for (const s of results.scenarios) {
      expect(s.requests, `${s.comparison}/${s.variant}/${s.driver}`).toBeGreaterThan(0);
      expect(s.server.queriesPerRequest).not.toBeNull();
    }
    const cached = results.scenarios.filter((s) => s.comparison === 'product-detail-cache');
    expect(cached.find((s) => s.variant === 'naive')!.server.queriesPerRequest!).toBeGreaterThan(cached.find((s) => s.variant === 'optimized')!.server.queriesPerRequest!);
    expect(results.run.host.cacheBackend).toBe(inject('redisUrl') ? 'redis' : 'in-process');
    expect(await readFile(join(dir, 'results.md'), 'utf8')).toContain('product-detail-cache');
    // the terminal summary, not results.md's table: every line fits 100 columns
    expect(run.output().stdout).toContain('product-detail-cache');
    expect(run.output().stdout).not.toContain('| comparison |');
    expect(run.output().stdout.split('\n').filter((line) => line.length > 100 && !line.startsWith('  /'))).toEqual([]);
    expect((code === 1) === results.scenarios.some((s) => s.thresholds.some((t) => !t.passed))).toBe(true);
  }, 240_000);

  it('on SIGINT stops the server and the generator and keeps the completed runs as a partial report', async () => {
    await rm(join(work, 'reports'), { recursive: true, force: true });
    const run = perflabRun(['--only', 'catalog-kv', '--duration', '30', '--warmup', '0', '--repeat', '2', '--connections', '2']);
    const serverPid = await waitFor(() => /reference API: \S+ \(pid (\d+)\)/.exec(run.output().stderr)?.[1]);
    // a finished run prints its "run i/N" line; the signal then lands inside the second 30 s run
    await waitFor(() => /^run 1\/4 /m.test(run.output().stderr) || undefined, 90_000);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(isAlive(Number(serverPid))).toBe(false);
    const results = await readResults(join(await onlyRunDir(), 'results.json'));
    expect(results.run.complete).toBe(false);
    expect(results.scenarios).toHaveLength(1);
    expect(run.output().stderr).toMatch(/interrupted: partial report \(1 complete runs\)/);
  }, 180_000);
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
