import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { gateReportSchema } from '../gate-schema.ts';
import { patchedWorktree, type PatchedWorktree } from '../../study/patched-worktree.ts';

const run = promisify(execFile);
let tree: PatchedWorktree;
let home = '';

beforeAll(async () => {
  tree = await patchedWorktree('a-orders-n-plus-one.patch');
  home = await mkdtemp(join(tmpdir(), 'perflab-regression-home-'));
});
afterAll(async () => {
  // the base worktree --against made lives under PERFLAB_HOME: unregister it from git too
  execFileSync('git', ['worktree', 'prune'], { cwd: tree.dir });
  await tree.remove();
  await rm(home, { recursive: true, force: true });
  execFileSync('git', ['worktree', 'prune'], { cwd: process.cwd() });
});

describe('an injected N+1 (test-fixtures/regressions/a-orders-n-plus-one.patch)', () => {
  it('fails perflab gate --against HEAD --deterministic-only (exit 1), naming orders-with-items', async () => {
    const env = { ...process.env, NO_COLOR: '1', PERFLAB_HOME: home, DATABASE_URL: inject('databaseUrl'), ...(inject('redisUrl') ? { REDIS_URL: inject('redisUrl') as string } : {}) };
    const out = join(home, 'gate');
    const args = [join(tree.dir, 'bench/cli/bin.mjs'), 'gate', '--against', 'HEAD', '--deterministic-only', '--only', 'orders-with-items,catalog-kv', '--scale', 'tiny', '--out', out];
    const result = await run(process.execPath, args, { cwd: tree.dir, env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('uncommitted change(s) (reference-server/comparisons/orders-with-items.ts)');
    const report = gateReportSchema.parse(JSON.parse(await readFile(join(out, 'gate.json'), 'utf8')));
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.name)).toEqual(['queries/request orders-with-items optimized (same requests)']);
    expect(failed[0]?.baseline).toBe(1);
    expect(failed[0]?.candidate).toBeGreaterThan(10);
    // catalog-kv is untouched: the same count on both builds, exactly
    expect(report.checks.filter((c) => c.comparison === 'catalog-kv').map((c) => c.change)).toEqual([0, 0]);
    expect(report.summary).toContain('orders-with-items');
  }, 240_000);
});
