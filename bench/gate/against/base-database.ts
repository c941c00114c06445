import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { readFixtures } from '../../../seed/fixtures-schema.ts';
import type { Fixtures } from '../../../scenarios/types.ts';
import { createDatabaseIfMissing } from '../../env/postgres.ts';

const run = promisify(execFile);

/** Databases of base builds are named by commit; only the current one is kept. */
const PREFIX = 'perflab_base_';

/** The base build's own database, migrated and seeded by the base's own code. */
export interface BaseDatabase {
  name: string;
  url: string;
  fixturesPath: string;
  fixtures: Fixtures;
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * The base build's database in the candidate's cluster, `perflab_base_<sha>`: on a shared one a
 * schema change would move both builds alike (an index the candidate drops, gone for the base
 * too) and each build's job worker would take the other's jobs. It is migrated and
 * seeded by `perflab seed` of the base worktree (skipped by fingerprint when reused). Other
 * `perflab_base_*` databases are dropped unless in use (another gate on the same cluster).
 */
export async function seedBaseDatabase(clusterUrl: string, base: { dir: string; sha: string }, seed: { scale: string; seed: number }, say: (line: string) => void): Promise<BaseDatabase> {
  const name = `${PREFIX}${base.sha.slice(0, 12)}`;
  const admin = withDatabase(clusterUrl, 'postgres');
  await dropOtherBaseDatabases(admin, name);
  await createDatabaseIfMissing(admin, name);
  const url = withDatabase(clusterUrl, name);
  const fixturesPath = join(base.dir, '.perflab', 'gate-base-fixtures.json');
  say(`base: its own database ${name}, migrated and seeded by the base's perflab seed (${seed.scale}, seed ${seed.seed})`);
  const started = performance.now();
  await run(process.execPath, [join(base.dir, 'bench/cli/bin.mjs'), 'seed', '--scale', seed.scale, '--seed', String(seed.seed), '--fixtures', fixturesPath], {
    cwd: base.dir,
    env: { ...process.env, DATABASE_URL: url, NO_COLOR: '1' },
    maxBuffer: 16 << 20,
  }).catch((error: { stderr?: string; message: string }) => {
    const last = (error.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? error.message;
    throw new Error(`base: perflab seed of the base worktree failed on its own database ${name}: ${last}`);
  });
  say(`base: database ${name} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { name, url, fixturesPath, fixtures: await readFixtures(fixturesPath) };
}

async function dropOtherBaseDatabases(adminUrl: string, keep: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const stale = await sql<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE ${`${PREFIX}%`} AND datname <> ${keep}`;
    for (const { datname } of stale) {
      // a database another gate is using refuses the drop (55006): left for that gate
      await sql.unsafe(`DROP DATABASE IF EXISTS "${datname.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '55006') throw error;
      });
    }
  } finally {
    await sql.end();
  }
}
