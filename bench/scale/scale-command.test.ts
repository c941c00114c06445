import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { readResults } from '../results/read-results.ts';
import { scaleSchema } from './scale-schema.ts';

const BIN = new URL('../cli/bin.mjs', import.meta.url).pathname;
let work: string;
let db: ScratchDatabase;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'perflab-scale-'));
  await chmod(work, 0o755);
  // a database of its own: each size reloads it, and the shared tiny set must stay as other files read it
  db = await createScratchDatabase(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.drop();
  await rm(work, { recursive: true, force: true });
});

function perflabScale(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'scale', '--out', join(work, 'reports'), ...args], {
    env: { ...process.env, PERFLAB_HOME: join(work, 'home'), DATABASE_URL: db.url, REDIS_URL: inject('redisUrl') ?? '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('perflab scale', () => {
  it.each([
    [['--sizes', '10k'], 'perflab: --sizes needs at least two sizes to fit a growth, got \'10k\''],
    [['--sizes', '10k,abc'], "perflab: --sizes must be sizes such as 10k, 100k or 1M (k = 1 000, M = 1 000 000), got 'abc'"],
    [['--only', 'nope'], /^perflab: --only must be one of .*, got 'nope'$/],
  ])('refuses %j in one line, exit 2, before starting anything', async (args, message) => {
    const { code, stderr } = await perflabScale(args);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  });

  it('seeds 1k and 5k, runs one comparison at each through perflab run, and writes a valid scale report', async () => {
    const { code, stdout, stderr } = await perflabScale(['--sizes', '1k,5k', '--only', 'products-deep-page', '--duration', '1', '--warmup', '0', '--repeat', '1', '--connections', '2']);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code, stderr).toBe(0);
    const [dir] = (await readdir(join(work, 'reports'))).filter((name) => name.endsWith('-scale'));
    const folder = join(work, 'reports', dir!);
    expect((await readdir(folder)).sort()).toEqual(['runs', 'scale.html', 'scale.json', 'scale.md']);
    const report = scaleSchema.parse(JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(folder, 'scale.json'), 'utf8'))));
    expect(report.run.complete).toBe(true);
    expect(report.sizes.map((s) => [s.rows, s.dataset.products, s.dataset.orders])).toEqual([[1_000, 1_000, 1_000], [5_000, 5_000, 5_000]]);
    expect(report.variants.map((v) => [v.comparison, v.variant, v.points.length])).toEqual([['products-deep-page', 'naive', 2], ['products-deep-page', 'optimized', 2]]);
    // each size is a complete perflab run of its own, on the data set of that size
    for (const size of report.sizes) {
      const results = await readResults(join(folder, size.runDir, 'results.json'));
      expect(results.dataset.rows.products).toBe(size.rows);
      expect(results.scenarios.map((s) => s.variant)).toEqual(['naive', 'optimized']);
    }
    expect(report.notices.some((n) => n.startsWith('Every size was loaded into one database (DATABASE_URL)'))).toBe(true);
    expect(stdout).toContain('products-deep-page: p50 — naive:');
    expect(stderr).toContain('perflab scale: size 5k (2/2)');
  }, 120_000);
});
