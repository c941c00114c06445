import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { projectRoot } from '../../lib/paths.ts';

/** The drizzle-kit output folder, applied in journal order. */
export const migrationsFolder = join(projectRoot, 'reference-server/db/migrations');

/** Applies pending migrations on a one-connection client (notices silenced), then closes it. */
export async function migrate(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await drizzleMigrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end();
  }
}
