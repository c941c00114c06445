import { migrate } from '../../reference-server/db/migrate.ts';
import { seedDataset, type SeedOptions, type SeedResult } from '../../seed/seed.ts';
import { spawnApiServer, type ApiServerOptions, type ApiServerProcess } from '../server-process.ts';
import { onCleanup } from './cleanup.ts';
import { acquireEnvironment, type Environment } from './environment.ts';
import { startReplicaFor, type ReplicaOutcome } from './replica-stack.ts';
import type { ProvisionPostgresOptions } from './postgres.ts';
import { startToxiproxy, throughProxy, upstreamOf, type ProxyInfo, type Toxiproxy } from './toxiproxy.ts';

export interface LocalStackOptions {
  /** The data set to load when missing (skipped when its fingerprint matches); omit for no data set. */
  seed?: SeedOptions;
  /** How the API process listens and sizes its pool. */
  api?: Omit<ApiServerOptions, 'databaseUrl' | 'redisUrl'>;
  /**
   * Added round-trip latency between the API and Postgres / Redis, whole ms, through Toxiproxy
   * (`toxiproxyBin`); absent or both 0: the API connects directly. Migrations and seeding stay direct.
   */
  latency?: { dbMs: number; cacheMs: number; toxiproxyBin: string };
  /** Start a streaming standby of the primary and give it to the API (PERFLAB_REPLICA_URL): read-replica needs one. */
  replica?: boolean;
  /** Called after each step, for progress lines. */
  onStep?: (step: LocalStackStep) => void;
  /** Where an embedded Postgres keeps its data (default `.perflab/pgdata`); ignored for DATABASE_URL or `perflab up`. */
  postgres?: ProvisionPostgresOptions;
}

export type LocalStackStep =
  | { step: 'environment'; env: Environment }
  | { step: 'seeded'; seeded: SeedResult }
  | { step: 'proxied'; proxies: LatencyProxies }
  | { step: 'replica'; replica: ReplicaOutcome }
  | { step: 'api'; api: ApiServerProcess };

/** The Toxiproxy in front of Postgres (and Redis when it has added latency). */
export interface LatencyProxies {
  toxiproxy: Toxiproxy;
  postgres: ProxyInfo;
  redis: ProxyInfo | null;
}

export interface LocalStack {
  env: Environment;
  seeded: SeedResult | null;
  api: ApiServerProcess;
  proxies: LatencyProxies | null;
  /** The service URLs the API was given (the proxies' when latency is added), for anything that must see what it sees. */
  apiServices: { databaseUrl: string; redisUrl: string | null };
  /** The standby when asked for: started, or why not; null when not asked for. */
  replica: ReplicaOutcome | null;
}

/**
 * What `run`, `serve` and `calibrate` stand on: Postgres and Redis by their chains (reused from
 * `perflab up` or DATABASE_URL/REDIS_URL), migrations, the data set when asked (seeded once,
 * reused after), and the reference API in its own process. Every part is registered for cleanup.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = await acquireEnvironment(options.postgres);
  onCleanup('postgres and redis', () => env.stop());
  options.onStep?.({ step: 'environment', env });
  await migrate(env.postgres.url);
  let seeded: SeedResult | null = null;
  if (options.seed) {
    seeded = await seedDataset(env.postgres.url, options.seed);
    options.onStep?.({ step: 'seeded', seeded });
  }
  const replica = options.replica ? await startReplicaFor(env.postgres.url) : null;
  if (replica) options.onStep?.({ step: 'replica', replica });
  const proxies = await startLatencyProxies(env, options.latency);
  if (proxies) options.onStep?.({ step: 'proxied', proxies });
  const databaseUrl = proxies ? throughProxy(env.postgres.url, proxies.postgres.listen) : env.postgres.url;
  const redisUrl = proxies?.redis && env.redis.url ? throughProxy(env.redis.url, proxies.redis.listen) : env.redis.url;
  // the replica as far away as the primary: a latency added to one only would favour the other
  const replicaProxy = proxies && replica?.target ? await proxies.toxiproxy.addProxy('postgres-replica', upstreamOf(replica.target.replicaUrl, 5432), options.latency!.dbMs) : null;
  const replicaEnv: Record<string, string> = replica?.target ? { PERFLAB_REPLICA_URL: replicaProxy ? throughProxy(replica.target.replicaUrl, replicaProxy.listen) : replica.target.replicaUrl } : {};
  const api = await spawnApiServer({ ...options.api, env: { ...options.api?.env, ...replicaEnv }, databaseUrl, redisUrl });
  onCleanup('reference API', () => api.stop(), api.pid);
  options.onStep?.({ step: 'api', api });
  return { env, seeded, api, proxies, apiServices: { databaseUrl, redisUrl }, replica };
}

async function startLatencyProxies(env: Environment, latency: LocalStackOptions['latency']): Promise<LatencyProxies | null> {
  if (!latency || (latency.dbMs === 0 && latency.cacheMs === 0)) return null;
  const toxiproxy = await startToxiproxy(latency.toxiproxyBin);
  const postgres = await toxiproxy.addProxy('postgres', upstreamOf(env.postgres.url, 5432), latency.dbMs);
  const redis = latency.cacheMs > 0 && env.redis.url ? await toxiproxy.addProxy('redis', upstreamOf(env.redis.url, 6379), latency.cacheMs) : null;
  return { toxiproxy, postgres, redis };
}
