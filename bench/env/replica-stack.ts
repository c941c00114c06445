import { performance } from 'node:perf_hooks';
import { startStreamingReplica, ReplicaUnavailableError } from './replica.ts';
import type { ReplicaTarget } from './replica-watch.ts';

/** A standby the harness started for a run (`target`), or the one line saying why there is none (`unavailable`). */
export type ReplicaOutcome = { target: ReplicaTarget; startSec?: number; unavailable?: undefined } | { target?: undefined; startSec?: undefined; unavailable: string };

/**
 * The standby a run's read-replica comparison needs: PERFLAB_REPLICA_URL when the user gives one
 * (theirs: not started, not stopped), else a physical standby of perflab's embedded primary. A
 * primary it cannot copy (DATABASE_URL, a container) is an `unavailable` line, not an error:
 * the harness skips read-replica and says why.
 */
export async function startReplicaFor(primaryUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<ReplicaOutcome> {
  if (env.PERFLAB_REPLICA_URL) return { target: { primaryUrl, replicaUrl: env.PERFLAB_REPLICA_URL, slot: '' } };
  const started = performance.now();
  try {
    const standby = await startStreamingReplica(primaryUrl);
    return { target: { primaryUrl, replicaUrl: standby.url, slot: standby.slot }, startSec: (performance.now() - started) / 1000 };
  } catch (error) {
    if (error instanceof ReplicaUnavailableError) return { unavailable: error.message };
    throw error;
  }
}
