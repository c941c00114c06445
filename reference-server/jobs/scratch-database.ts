import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrate } from '../../bench/env/migrate.ts';

/** A migrated database of its own inside the test cluster, so queue tests never see (or disturb) the seeded set. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates and migrates `perflab_scratch_<random>` next to the database `baseUrl` names; `drop()` removes it. */
export async function createScratchDatabase(baseUrl: string): Promise<ScratchDatabase> {
  const name = `perflab_scratch_${randomBytes(4).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(baseUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
