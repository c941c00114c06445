import { defineCommand } from 'citty';
import { isIP } from 'node:net';
import { acquireEnvironment } from '../env/environment.ts';
import { onCleanup } from '../env/cleanup.ts';
import { migrate } from '../env/migrate.ts';
import { UsageError } from './errors.ts';

const SCALES = ['tiny', 'default'] as const;

/** Validated flags of `perflab serve`. */
export interface ServeOptions {
  port: number;
  host: string;
  scale: (typeof SCALES)[number];
  poolMax: number;
}

/** Pure flag validation: every bad value is a UsageError naming the flag. */
export function parseServeArgs(args: { port: string; host: string; scale: string; 'pool-max': string; 'allow-remote': boolean }): ServeOptions {
  const port = integer('--port', args.port, 0, 65535);
  const poolMax = integer('--pool-max', args['pool-max'], 1, 1000);
  if (!(SCALES as readonly string[]).includes(args.scale)) {
    throw new UsageError(`--scale must be one of ${SCALES.join(', ')} (got '${args.scale}')`);
  }
  const host = args.host.trim();
  if (!host || (host !== 'localhost' && isIP(host) === 0)) throw new UsageError(`--host must be an IP address or localhost (got '${args.host}')`);
  if (!isLoopback(host) && !args['allow-remote']) {
    throw new UsageError(`--host ${host} is not a loopback address; add --allow-remote to listen on it`);
  }
  return { port, host, scale: args.scale as ServeOptions['scale'], poolMax };
}

function integer(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${flag} must be a whole number (got '${raw}')`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max} (got ${raw})`);
  return value;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export default defineCommand({
  meta: { name: 'serve', description: 'Start the reference API on provisioned Postgres + Redis, seeding if needed.' },
  args: {
    port: { type: 'string', default: '3000', description: 'Port to listen on (0 = any free port)' },
    host: { type: 'string', default: '127.0.0.1', description: 'Address to bind (non-loopback needs --allow-remote)' },
    'allow-remote': { type: 'boolean', default: false, description: 'Allow a non-loopback --host' },
    scale: { type: 'string', default: 'default', description: `Data set to seed when missing: ${SCALES.join(' | ')}` },
    'pool-max': { type: 'string', default: '68', description: 'postgres.js pool size; keep it ≥ the load concurrency' },
  },
  async run({ args }) {
    const options = parseServeArgs(args);
    const { loadConfig, ConfigError } = await import('../../reference-server/config.ts');
    let config;
    try {
      // DATABASE_URL/REDIS_URL come from the environment chain below; the rest is checked before anything starts
      config = loadConfig({ ...process.env, DATABASE_URL: 'postgres://not-used-yet/perflab', REDIS_URL: undefined });
    } catch (error) {
      throw error instanceof ConfigError ? new UsageError(error.message) : error;
    }

    const env = await acquireEnvironment();
    onCleanup('environment', () => env.stop());
    await migrate(env.postgres.url);
    const { seedDataset, DEFAULT_FIXTURES_PATH } = await import('../../seed/seed.ts');
    process.stdout.write(`seeding the ${options.scale} data set if needed …\n`);
    const seeded = await seedDataset(env.postgres.url, { scale: options.scale, fixturesPath: DEFAULT_FIXTURES_PATH, jwtSecret: config.jwtSecret });

    const { startServer } = await import('../../reference-server/http/server.ts');
    const server = await startServer({
      ...config,
      databaseUrl: env.postgres.url,
      redisUrl: env.redis.url ?? undefined,
      port: options.port,
      host: options.host,
      dbPoolMax: options.poolMax,
    });
    onCleanup('API server', () => server.close());
    const owned = env.fromUp ? 'Ctrl-C stops the server (Postgres and Redis belong to `perflab up`).' : 'Ctrl-C stops the server, Redis and Postgres.';
    process.stdout.write(await banner(server.url, env.postgres.source, env.redis.source, env.redis.reason, seeded.fixturesPath, seeded.skipped, owned));
    await new Promise(() => {}); // serve until a signal; the cleanup handlers stop everything and exit
  },
});

async function banner(url: string, pg: string, redis: string, reason: string | undefined, fixturesPath: string, skipped: boolean, owned: string): Promise<string> {
  const { readFixtures } = await import('../../seed/fixtures-schema.ts');
  const tenant = (await readFixtures(fixturesPath)).tenants[0];
  const token = tenant?.tokens.viewer ?? '<token>';
  const lines = [
    `data set: ${skipped ? 'already seeded' : 'seeded'} (fixtures: ${fixturesPath})`,
    `postgres: ${pg}`,
    `cache: ${redis === 'in-process' ? `in-process (no Redis${reason ? `: ${reason}` : ''})` : `redis (${redis})`}`,
    `listening on ${url}`,
    '',
    `TOKEN=${token}`,
    `curl -i -H "Authorization: Bearer $TOKEN" '${url}/naive/orders?limit=50'`,
    `curl -i -H "Authorization: Bearer $TOKEN" '${url}/optimized/orders?limit=50'`,
    `curl -s ${url}/__stats`,
    owned,
    '',
  ];
  return lines.join('\n');
}
