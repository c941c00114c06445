import type { Config } from '../config.ts';
import { createDatabase, type Database } from './client.ts';

/**
 * The read replica's pool when `PERFLAB_REPLICA_URL` is set, else null: the same counted client
 * as the primary's (its statements show up in X-Query-Count), with a breaker of its own, so a
 * replica outage answers 503 on the routes that read it without tripping the primary's.
 */
export function openReplica(config: Config): Database | null {
  if (!config.replicaUrl) return null;
  return createDatabase({ ...config, databaseUrl: config.replicaUrl });
}
