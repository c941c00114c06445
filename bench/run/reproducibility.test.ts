import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../lib/paths.ts';
import { runCleanup } from '../env/cleanup.ts';
import { environmentFacts } from '../report/environment-facts.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import { withEnv } from '../test-support/with-env.ts';
import { prepareTarget } from './prepare-target.ts';
import { gitDirty, libraryVersions, POSTGRES_SETTING_NAMES, SHAPING_LIBRARIES } from './reproducibility.ts';
import { parseRunOptions } from './run-options.ts';

const dirs: string[] = [];
afterAll(async () => {
  await runCleanup();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-repro-'));
  dirs.push(dir);
  return dir;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'ignore' });

describe('gitDirty', () => {
  it('is false on a clean checkout and true once a tracked file changes, a file is staged or an untracked file appears', async () => {
    const repo = await tempDir();
    git(repo, 'init', '-q');
    await writeFile(join(repo, 'a.ts'), 'export const a = 1;\n');
    await writeFile(join(repo, '.gitignore'), 'reports/\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'first');
    expect(gitDirty(repo)).toBe(false);

    await writeFile(join(repo, 'a.ts'), 'export const a = 2;\n');
    expect(gitDirty(repo)).toBe(true);
    git(repo, 'add', 'a.ts');
    expect(gitDirty(repo), 'staged, not committed').toBe(true);
    git(repo, 'commit', '-q', '-m', 'second');
    expect(gitDirty(repo)).toBe(false);

    await writeFile(join(repo, 'b.ts'), 'export const b = 1;\n');
    expect(gitDirty(repo), 'untracked source').toBe(true);
    await rm(join(repo, 'b.ts'));
    await mkdir(join(repo, 'reports'));
    await writeFile(join(repo, 'reports', 'results.json'), '{}');
    expect(gitDirty(repo), 'ignored files do not count').toBe(false);
  });

  it('is null outside a git work tree', async () => {
    expect(gitDirty(await tempDir())).toBeNull();
  });
});

describe('libraryVersions', () => {
  it('reads each shaping library from its installed package.json, null when absent', async () => {
    const versions = libraryVersions(projectRoot);
    expect(Object.keys(versions)).toEqual([...SHAPING_LIBRARIES]);
    for (const [name, version] of Object.entries(versions)) expect(version, name).toMatch(/^\d+\.\d+\.\d+/);
    const elsewhere = libraryVersions(await tempDir());
    expect(Object.values(elsewhere).every((version) => version === null)).toBe(true);
  });
});

describe('a spawned stack records what it ran with', () => {
  it('stores the API settings it started the server with and the Postgres settings SHOW reports', async () => {
    const databaseUrl = inject('databaseUrl');
    const options = parseRunOptions({ scale: 'tiny', seed: '42', fixtures: inject('fixturesPath') }, []);
    const target = await withEnv({ DATABASE_URL: databaseUrl, REDIS_URL: inject('redisUrl') ?? undefined, PERFLAB_CACHE_TTL_SEC: '17' }, () => prepareTarget(options, 9, () => {}));

    // the pool sized to the load (9 + 4) and a setting the environment passed through
    expect(target.services.serverSettings).toMatchObject({ dbPoolMax: 13, cacheTtlSec: 17, statementTimeoutMs: 5_000, maxInFlight: 13 });
    const ready = await fetch(`${target.baseUrl}/ready`);
    expect(ready.status).toBe(200);

    const sql = postgres(databaseUrl, { max: 1 });
    try {
      for (const name of POSTGRES_SETTING_NAMES) {
        const [row] = await sql.unsafe<{ value: string }[]>(`show ${name}`);
        expect(target.services.postgresSettings?.[name], name).toBe(Object.values(row ?? {})[0]);
      }
    } finally {
      await sql.end();
    }
  }, 60_000);
});

describe('the report', () => {
  it('says when the tree was dirty and lists libraries, API and Postgres settings', () => {
    const results = syntheticResults();
    const clean = environmentFacts(results);
    expect(clean.find((fact) => fact.label === 'Run')?.value).not.toContain('uncommitted');
    const dirty = environmentFacts({ ...results, run: { ...results.run, dirty: true } });
    expect(dirty.find((fact) => fact.label === 'Run')?.value).toContain('with uncommitted changes');
    const value = (label: string) => clean.find((fact) => fact.label === label)?.value;
    expect(value('Libraries')).toContain('postgres 3.4.9-synthetic');
    expect(value('API settings')).toContain('pool 20');
    expect(value('Postgres settings')).toContain('shared_buffers 128MB');
  });
});
