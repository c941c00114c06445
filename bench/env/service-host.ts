import { rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UsageError } from '../../lib/usage-error.ts';
import { installExitHandlers, onCleanup, runCleanup } from './cleanup.ts';
import { runningCluster } from './embedded-postgres.ts';
import { migrate } from '../../reference-server/db/migrate.ts';
import { defaultPgDataDir, servicesFile } from '../../lib/paths.ts';
import { provisionPostgres } from './postgres.ts';
import { provisionRedis } from './redis.ts';
import type { Services } from './services.ts';

/**
 * The long-lived host behind `perflab up` (embedded-postgres stops Postgres when its Node
 * process exits, so someone has to stay alive). Provisions and migrates Postgres, provisions
 * Redis, writes the services file, prints it as one JSON line, then waits for a signal; on
 * SIGINT/SIGTERM it stops both and removes the file.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: defaultPgDataDir },
      'services-file': { type: 'string', default: servicesFile },
      'log-file': { type: 'string' },
      'not-persistent': { type: 'boolean', default: false },
    },
  });
  installExitHandlers();
  const dataDir = values['data-dir'];
  const file = values['services-file'];
  const postgres = await provisionPostgres({ dataDir, persistent: !values['not-persistent'] });
  await migrate(postgres.url);
  const redis = await provisionRedis();
  const services: Services = {
    hostPid: process.pid,
    startedAt: new Date().toISOString(),
    dataDir,
    logFile: values['log-file'] ?? null,
    postgres: { url: postgres.url, source: postgres.source, version: postgres.version, pid: postgresPid(dataDir, postgres.source) },
    redis: { url: redis.url, source: redis.source, version: redis.version, pid: redis.pid ?? null, reason: redis.reason },
  };
  await writeFile(file, JSON.stringify(services, null, 2) + '\n');
  onCleanup('services file', () => rm(file, { force: true }));
  process.stdout.write(JSON.stringify(services) + '\n');
  // Children keep the loop alive only while they run; the host must outlive an in-process cache.
  setInterval(() => {}, 1 << 30);
}

function postgresPid(dataDir: string, source: string): number | null {
  return source === 'embedded' ? (runningCluster(dataDir)?.pid ?? null) : null;
}

main().catch(async (error: unknown) => {
  process.stderr.write(`perflab: ${error instanceof UsageError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  await runCleanup();
  process.exit(error instanceof UsageError ? 2 : 1);
});
