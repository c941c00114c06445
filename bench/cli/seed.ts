import { defineCommand } from 'citty';
import { installExitHandlers, onCleanup, runCleanup } from '../env/cleanup.ts';
import { migrate } from '../../reference-server/db/migrate.ts';
import { displayPath } from '../../lib/paths.ts';
import { provisionPostgres, type PostgresHandle } from '../env/postgres.ts';
import { readServices, servicesAsHandles } from '../env/services.ts';
import { parseSeedArgs } from '../../seed/seed-args.ts';
import { createSeedProgress } from '../../seed/seed-progress.ts';
import { seedDataset } from '../../seed/seed.ts';

export default defineCommand({
  meta: {
    name: 'seed',
    description:
      'Load the deterministic data set (skipped when a complete set with the same fingerprint is there) and write the fixtures file. Ctrl-C rolls the load back and leaves the set marked incomplete.',
  },
  args: {
    scale: { type: 'string', description: 'tiny | default (100k products, 100k orders) | large (1M/1M)', default: 'default', valueHint: 'name' },
    seed: { type: 'string', description: 'random seed: the same seed gives the same rows and ids (default 42)', valueHint: 'n' },
    products: { type: 'string', description: "override the scale's product count", valueHint: 'n' },
    orders: { type: 'string', description: "override the scale's order count", valueHint: 'n' },
    force: { type: 'boolean', description: 'truncate and reload even when the fingerprint matches' },
    fixtures: { type: 'string', description: 'where to write the fixtures file (default .perflab/fixtures.json)', valueHint: 'path' },
  },
  async run({ args }) {
    const options = parseSeedArgs(args);
    installExitHandlers();
    const postgres = await postgresForSeeding();
    onCleanup('Postgres', () => postgres.stop());
    const controller = new AbortController();
    // registered after Postgres, so on Ctrl-C the load is abandoned before the server stops
    onCleanup('seed', () => controller.abort());
    const progress = createSeedProgress();
    try {
      await migrate(postgres.url);
      const result = await seedDataset(postgres.url, { ...options, onProgress: progress.update, signal: controller.signal });
      progress.stop();
      const rows = Object.values(result.fingerprint.rows).reduce((a, b) => a + b, 0);
      const what = `${result.fingerprint.scale} (seed ${result.fingerprint.seed}, ${rows} rows)`;
      const how = result.skipped ? 'already loaded, fingerprint matches' : `loaded in ${result.seconds.toFixed(1)} s`;
      process.stdout.write(`perflab: ${what} ${how}; checksum ${result.fingerprint.checksum.slice(0, 12)}; fixtures: ${displayPath(result.fixturesPath)}\n`);
    } finally {
      progress.stop();
      await runCleanup();
    }
  },
});

/** DATABASE_URL, else the Postgres of a running `perflab up`, else a provisioned one. */
async function postgresForSeeding(): Promise<PostgresHandle> {
  const services = process.env.DATABASE_URL ? null : await readServices();
  return services ? servicesAsHandles(services).postgres : provisionPostgres();
}
