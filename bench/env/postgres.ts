import postgres from 'postgres';
import { UsageError } from '../../lib/usage-error.ts';
import { registerCleanupOf } from './register-handle.ts';
import { probeDocker } from './docker.ts';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres, type EmbeddedCluster } from './embedded-postgres.ts';
import { freePort } from './free-port.ts';
import { defaultPgDataDir } from '../../lib/paths.ts';

/** A reachable Postgres and how it was obtained. `stop()` is a no-op for what we did not start. */
export interface PostgresHandle {
  url: string;
  source: 'DATABASE_URL' | 'testcontainers' | 'embedded';
  version: string;
  /** True when an already running cluster (e.g. from `perflab up`) was reused. */
  reused?: boolean;
  stop(): Promise<void>;
}

/** Options for `provisionPostgres`; ignored when DATABASE_URL is set. */
export interface ProvisionPostgresOptions {
  /** Embedded data dir; default `.perflab/pgdata`. */
  dataDir?: string;
  /** Keep the data dir when stopping; default true (tests pass false with a temp dir). */
  persistent?: boolean;
  port?: number;
  onLog?: (line: string) => void;
}

/** The database perflab works in on a cluster it provisions itself. */
export const DATABASE_NAME = 'perflab';

/**
 * The Postgres chain: DATABASE_URL → a Testcontainers `postgres:17` when a Docker engine
 * answers → embedded-postgres. What it starts is registered with `cleanup.ts`.
 * @example
 * const pg = await provisionPostgres();
 * try { await migrate(pg.url); } finally { await pg.stop(); }
 */
export async function provisionPostgres(options: ProvisionPostgresOptions = {}): Promise<PostgresHandle> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    const version = await serverVersion(fromEnv, 'DATABASE_URL');
    return { url: fromEnv, source: 'DATABASE_URL', version, stop: async () => {} };
  }
  if ((await probeDocker()).available) {
    const { startPostgresContainer } = await import('./postgres-container.ts');
    const container = await startPostgresContainer();
    const version = await serverVersion(container.url, 'the Postgres container');
    return registerCleanupOf('Postgres container', { url: container.url, source: 'testcontainers' as const, version, stop: container.stop });
  }
  const cluster = await startEmbedded(options);
  const base = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${cluster.port}`;
  const handle: PostgresHandle = { url: `${base}/${DATABASE_NAME}`, source: 'embedded', version: '', reused: cluster.reused, stop: cluster.stop };
  if (cluster.reused) {
    handle.version = await serverVersion(handle.url, 'the running embedded Postgres');
    return handle;
  }
  try {
    await createDatabaseIfMissing(`${base}/postgres`, DATABASE_NAME);
    handle.version = await serverVersion(handle.url, 'the embedded Postgres');
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

/** A free port can be taken between the probe and the bind: pick another once, unless the caller chose it. */
async function startEmbedded(options: ProvisionPostgresOptions): Promise<EmbeddedCluster> {
  const attempt = async () =>
    startEmbeddedPostgres({
      dataDir: options.dataDir ?? defaultPgDataDir,
      persistent: options.persistent ?? true,
      port: options.port ?? (await freePort()),
      onLog: options.onLog,
    });
  try {
    return await attempt();
  } catch (error) {
    if (options.port !== undefined || !/could not bind|already in use/i.test((error as Error).message)) throw error;
    return attempt();
  }
}

/** `CREATE DATABASE name` unless it exists. */
export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`SELECT 1 AS found FROM pg_database WHERE datname = ${name}`;
    if (!row) await sql.unsafe(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.end();
  }
}

/**
 * Connects once and returns e.g. `17.10`; an unreachable server becomes one clear line
 * (a UsageError naming `label` and the URL without its password), never a stack.
 */
export async function serverVersion(url: string, label: string): Promise<string> {
  let sql: postgres.Sql | null = null;
  try {
    sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
    const [row] = await sql<{ version: string }[]>`SELECT current_setting('server_version') AS version`;
    return row!.version.split(' ')[0]!;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${label} (${redactUrl(url)}) is unreachable: ${reason}`);
  } finally {
    await sql?.end({ timeout: 1 }).catch(() => {});
  }
}

/** The URL with its password replaced by `***`, for messages and reports. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}
