import { defineCommand } from 'citty';
import { isIP } from 'node:net';
import { onCleanup, runCleanup } from '../env/cleanup.ts';
import { enumFlag, integerSchema, parseFlag } from '../../lib/cli-flags.ts';
import { isLoopbackHost } from '../../lib/loopback.ts';
import { UsageError } from '../../lib/usage-error.ts';

const SCALES = ['tiny', 'default', 'large'] as const;

/** Validated flags of `perflab serve`. */
export interface ServeOptions {
  port: number;
  host: string;
  scale: (typeof SCALES)[number];
  poolMax: number;
}

/** Pure flag validation: every bad value is a UsageError naming the flag. */
export function parseServeArgs(args: { port: string; host: string; scale: string; 'pool-max': string; 'allow-remote': boolean }): ServeOptions {
  const port = parseFlag('port', integerSchema(0, 65535), args.port);
  const poolMax = parseFlag('pool-max', integerSchema(1, 1000), args['pool-max']);
  const scale = enumFlag('scale', args.scale, SCALES, 'default');
  const host = args.host.trim();
  if (!host || (host !== 'localhost' && isIP(host) === 0)) throw new UsageError(`--host must be an IP address or localhost, got '${args.host}'`);
  if (!isLoopbackHost(host) && !args['allow-remote']) {
    throw new UsageError(`--host ${host} is not a loopback address; add --allow-remote to listen on it`);
  }
  return { port, host, scale, poolMax };
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
      config = loadConfig({ ...process.env, HOST: options.host, DATABASE_URL: 'postgres://not-used-yet/perflab', REDIS_URL: undefined });
    } catch (error) {
      throw error instanceof ConfigError ? new UsageError(error.message) : error;
    }

    await assertPortFree(options.host, options.port);
    const { DEFAULT_FIXTURES_PATH } = await import('../../seed/seed.ts');
    const { startLocalStack } = await import('../env/local-stack.ts');
    const { env, seeded, api } = await startLocalStack({
      seed: { scale: options.scale, fixturesPath: DEFAULT_FIXTURES_PATH, jwtSecret: config.jwtSecret },
      api: { port: options.port, host: options.host, poolMax: options.poolMax },
      onStep: ({ step }) => step === 'environment' && process.stdout.write(`seeding the ${options.scale} data set if needed …\n`),
    });
    stopWhenTheApiDies(api);
    const owned = env.fromUp ? 'Ctrl-C stops the server (Postgres and Redis belong to `perflab up`).' : 'Ctrl-C stops the server, Redis and Postgres.';
    process.stdout.write(await banner(api.baseUrl, env.postgres.source, env.redis.source, env.redis.reason, DEFAULT_FIXTURES_PATH, seeded?.skipped ?? false, owned));
    await new Promise(() => {}); // serve until a signal; the cleanup handlers stop everything and exit
  },
});

/** A taken port is the user's to fix, found before Postgres and Redis start: one line, exit 2. */
async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const { createServer } = await import('node:net');
  const { listenErrorMessage } = await import('../../reference-server/http/listen-error.ts');
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  }).catch((error: unknown) => {
    const line = listenErrorMessage(error, '--port 0');
    throw line ? new UsageError(line) : error;
  });
}

/** The API runs in its own process: if it dies while nobody is stopping it, stop the rest and exit 1. */
function stopWhenTheApiDies(api: { exited: Promise<number | null> }): void {
  let stopping = false;
  onCleanup('serve', () => void (stopping = true));
  void api.exited.then(async (code) => {
    if (stopping) return;
    process.stderr.write(`perflab: the API exited (code ${code}); stopping Postgres and Redis\n`);
    await runCleanup();
    process.exit(1);
  });
}

async function banner(url: string, pg: string, redis: string, reason: string | undefined, fixturesPath: string, skipped: boolean, owned: string): Promise<string> {
  const { readFixtures } = await import('../../seed/fixtures-schema.ts');
  const tenant = (await readFixtures(fixturesPath)).tenants[0];
  const token = tenant?.tokens.viewer ?? '<token>';
  const admin = tenant?.tokens.admin ?? '<admin token>';
  const lines = [
    `data set: ${skipped ? 'already seeded' : 'seeded'} (fixtures: ${fixturesPath})`,
    `postgres: ${pg}`,
    `cache: ${redis === 'in-process' ? `in-process (no Redis${reason ? `: ${reason}` : ''})` : `redis (${redis})`}`,
    `listening on ${url}`,
    '',
    `TOKEN=${token}`,
    `curl -i -H "Authorization: Bearer $TOKEN" '${url}/naive/orders?limit=50'`,
    `curl -i -H "Authorization: Bearer $TOKEN" '${url}/optimized/orders?limit=50'`,
    `curl -s -H "Authorization: Bearer ${admin}" ${url}/__stats`,
    owned,
    '',
  ];
  return lines.join('\n');
}
