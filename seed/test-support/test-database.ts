import postgres from 'postgres';
import { migrate } from '../../reference-server/db/migrate.ts';

/**
 * A migrated database of its own in the test cluster, so seeding tests never disturb the
 * shared `tiny` set other tests read. `drop()` removes it (disconnecting stragglers).
 */
export async function createTestDatabase(sharedUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `perflab_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(sharedUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
