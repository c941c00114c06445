import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { migrate } from '../../reference-server/db/migrate.ts';
import { seedDataset } from '../seed.ts';

/**
 * A migrated database of its own inside the test cluster, for tests that write (PATCH a product,
 * change a role, run pg-boss) and so must never disturb the shared seeded set other files read.
 */
export interface ScratchDatabase {
  url: string;
  /** The fixtures of the scratch set, when it was seeded. */
  fixturesPath: string | undefined;
  drop(): Promise<void>;
}

/**
 * Creates and migrates `perflab_scratch_<random>` next to the database `baseUrl` names, seeded
 * with the same `tiny` set as the shared one when `seed` is set; `drop()` removes it.
 */
export async function createScratchDatabase(baseUrl: string, options: { seed?: boolean } = {}): Promise<ScratchDatabase> {
  const name = `perflab_scratch_${randomBytes(4).toString('hex')}`;
  await admin(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const fixturesPath = options.seed ? join(tmpdir(), `${name}-fixtures.json`) : undefined;
  if (fixturesPath) await seedDataset(url.toString(), { scale: 'tiny', seed: 42, fixturesPath });
  return {
    url: url.toString(),
    fixturesPath,
    async drop() {
      await admin(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (fixturesPath) await rm(fixturesPath, { force: true });
    },
  };
}

async function admin(baseUrl: string, statement: string): Promise<void> {
  const sql = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}
