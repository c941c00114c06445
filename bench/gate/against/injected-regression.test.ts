import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createScratchDatabase, type ScratchDatabase } from '../../../seed/test-support/scratch-database.ts';
import { gateReportSchema, type GateReport } from '../gate-schema.ts';
import { patchedWorktree, type PatchedWorktree } from '../../study/patched-worktree.ts';
import { withDatabase } from './base-database.ts';

const run = promisify(execFile);
/** Where `--against HEAD` seeds the base build in the test cluster: dropped once every test here is done. */
const baseDatabase = `perflab_base_${execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim().slice(0, 12)}`;
afterAll(async () => {
  const admin = postgres(withDatabase(inject('databaseUrl'), 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${baseDatabase} WITH (FORCE)`).finally(() => admin.end());
});

/** `perflab gate --against HEAD …` run from a worktree with one patch of test-fixtures/regressions/ applied. */
function injected(patch: string) {
  let tree: PatchedWorktree;
  let home = '';
  beforeAll(async () => {
    tree = await patchedWorktree(patch);
    home = await mkdtemp(join(tmpdir(), 'perflab-regression-home-'));
  });
  afterAll(async () => {
    // the base worktree --against made lives under PERFLAB_HOME: unregister it from git too
    execFileSync('git', ['worktree', 'prune'], { cwd: tree.dir });
    await tree.remove();
    await rm(home, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'prune'], { cwd: process.cwd() });
  });
  return async (flags: string[], databaseUrl: string): Promise<{ code: number; stderr: string; report: GateReport }> => {
    const env = { ...process.env, NO_COLOR: '1', PERFLAB_HOME: home, DATABASE_URL: databaseUrl, ...(inject('redisUrl') ? { REDIS_URL: inject('redisUrl') as string } : {}) };
    const out = join(home, 'gate');
    const args = [join(tree.dir, 'bench/cli/bin.mjs'), 'gate', '--against', 'HEAD', '--deterministic-only', '--scale', 'tiny', ...flags, '--out', out];
    const result = await run(process.execPath, args, { cwd: tree.dir, env }).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (error: { code: number; stderr: string }) => error,
    );
    const report = await readFile(join(out, 'gate.json'), 'utf8').then((text) => gateReportSchema.parse(JSON.parse(text)), () => {
      throw new Error(`no gate.json (exit ${result.code}): ${result.stderr}`);
    });
    return { code: result.code, stderr: result.stderr, report };
  };
}

describe('an injected N+1 (test-fixtures/regressions/a-orders-n-plus-one.patch)', () => {
  const gate = injected('a-orders-n-plus-one.patch');
  it('fails perflab gate --against HEAD --deterministic-only (exit 1), naming orders-with-items', async () => {
    const { code, stderr, report } = await gate(['--only', 'orders-with-items,catalog-kv'], inject('databaseUrl'));
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('uncommitted change(s) (reference-server/comparisons/orders-with-items.ts)');
    const failed = report.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.name)).toEqual(['queries/request orders-with-items optimized (same requests)']);
    expect(failed[0]?.baseline).toBe(1);
    expect(failed[0]?.candidate).toBeGreaterThan(10);
    // catalog-kv is untouched: the same count on both builds, exactly
    expect(report.checks.filter((c) => c.comparison === 'catalog-kv' && c.name.startsWith('queries/request')).map((c) => c.change)).toEqual([0, 0]);
    // the N+1 answers the same data: parity holds
    expect(report.checks.find((c) => c.name === 'response parity orders-with-items (naive = optimized, same requests)')?.status).toBe('pass');
    expect(report.summary).toContain('orders-with-items');
  }, 240_000);
});

describe('a migration that drops the trigram indexes (b-drop-trigram-index.patch)', () => {
  const gate = injected('b-drop-trigram-index.patch');
  let scratch: ScratchDatabase;
  // the candidate's migration must not reach the shared test database: it runs on a scratch one
  beforeAll(async () => {
    scratch = await createScratchDatabase(inject('databaseUrl'));
  });
  afterAll(() => scratch.drop());

  it('runs the base on a database of its own schema, so the candidate alone loses the index; same data, same statements: exit 0', async () => {
    const { code, stderr, report } = await gate(['--only', 'product-search'], scratch.url);
    expect(code, stderr).toBe(0);
    expect(report.notes).toContain('The candidate adds 0099_drop-trigram-indexes.sql in reference-server/db/migrations: each build ran on its own schema, so the change is measured.');
    expect(report.notes.some((n) => n.startsWith(`Each build ran on a database of its own in one Postgres cluster (the base's ${baseDatabase})`) && n.includes('Both databases hold the same data set'))).toBe(true);
    const trigramIndexes = async (url: string) => {
      const sql = postgres(url, { max: 1 });
      try {
        return (await sql<{ indexname: string }[]>`SELECT indexname FROM pg_indexes WHERE tablename = 'products' AND indexname LIKE '%trgm%' ORDER BY 1`).map((r) => r.indexname);
      } finally {
        await sql.end();
      }
    };
    expect(await trigramIndexes(scratch.url)).toEqual([]);
    expect(await trigramIndexes(withDatabase(scratch.url, baseDatabase))).toEqual(['products_description_trgm_idx', 'products_name_trgm_idx', 'products_sku_trgm_idx']);
  }, 240_000);
});
