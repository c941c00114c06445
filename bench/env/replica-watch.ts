import postgres from 'postgres';
import { clusterCpuTicks, cpuMsBetween, type CpuTicks } from './replica-cpu.ts';
import { sampleLag, serverWork, workPerRequest, type LagSample, type ServerWork } from './replica-lag.ts';

/** The standby a run measures against, as the harness started it. */
export interface ReplicaTarget {
  primaryUrl: string;
  replicaUrl: string;
  /** Its application_name in pg_stat_replication; '' (a replica of the user's) samples the most lagging standby. */
  slot: string;
}

/** Replication lag over a window, from samples every {@link SAMPLE_MS} ms. */
export interface LagFigures {
  samples: number;
  maxBytes: number;
  /** Mean and max of pg_stat_replication.replay_lag over the samples that had one (null: the standby was idle). */
  meanMs: number | null;
  maxMs: number | null;
}

/** What each server did per request of one measured run, and the lag meanwhile. */
export interface ReplicaRunFigures {
  variant: string;
  repeat: number;
  requests: number;
  primary: ServerWork | null;
  replica: ServerWork | null;
  /** CPU ms (user + system of the cluster's processes, from /proc) per request; null for a server not on this machine. */
  cpuMs: { primary: number | null; replica: number | null };
  lag: LagFigures;
}

/** A window being watched: `stop` ends the sampling and returns the work deltas per request. */
export interface ReplicaWatch {
  stop(requests: number): Promise<Omit<ReplicaRunFigures, 'variant' | 'repeat'>>;
}

const SAMPLE_MS = 200;

/**
 * Starts watching a measured window: reads both servers' pg_stat_statements totals now, then
 * samples the standby's lag every 200 ms on a connection of its own (its statements read
 * pg_stat_*, so the work figures leave them out).
 */
export async function watchReplica(target: ReplicaTarget): Promise<ReplicaWatch> {
  const primary = postgres(target.primaryUrl, { max: 1, onnotice: () => {} });
  const replica = postgres(target.replicaUrl, { max: 1, onnotice: () => {} });
  const cpuBefore = { primary: await clusterCpuTicks(primary), replica: await clusterCpuTicks(replica) };
  const before = { primary: await serverWork(primary), replica: await serverWork(replica) };
  const samples: LagSample[] = [];
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      const sample = await sampleLag(primary, target.slot).catch(() => null);
      if (sample) samples.push(sample);
    });
  }, SAMPLE_MS);
  return {
    async stop(requests) {
      clearInterval(timer);
      await sampling;
      try {
        const after = { primary: await serverWork(primary), replica: await serverWork(replica) };
        const cpuAfter = { primary: await clusterCpuTicks(primary), replica: await clusterCpuTicks(replica) };
        return {
          cpuMs: { primary: cpuPerRequest(cpuBefore.primary, cpuAfter.primary, requests), replica: cpuPerRequest(cpuBefore.replica, cpuAfter.replica, requests) },
          requests,
          primary: before.primary && after.primary ? workPerRequest(before.primary, after.primary, requests) : null,
          replica: before.replica && after.replica ? workPerRequest(before.replica, after.replica, requests) : null,
          lag: lagFigures(samples),
        };
      } finally {
        await Promise.allSettled([primary.end({ timeout: 1 }), replica.end({ timeout: 1 })]);
      }
    },
  };
}

function cpuPerRequest(before: CpuTicks | null, after: CpuTicks | null, requests: number): number | null {
  return before && after && requests > 0 ? cpuMsBetween(before, after) / requests : null;
}

/** Max bytes behind, mean and max replay_lag of the samples. */
export function lagFigures(samples: readonly LagSample[]): LagFigures {
  const times = samples.map((s) => s.ms).filter((ms): ms is number => ms !== null);
  return {
    samples: samples.length,
    maxBytes: Math.max(0, ...samples.map((s) => s.bytes)),
    meanMs: times.length ? times.reduce((a, b) => a + b, 0) / times.length : null,
    maxMs: times.length ? Math.max(...times) : null,
  };
}
