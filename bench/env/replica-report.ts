import type { ServerWork } from './replica-lag.ts';
import type { LagFigures, ReplicaRunFigures } from './replica-watch.ts';

/** One run's replica figures, for its progress line: work per request on each server, and the lag. */
export function replicaRunLine(figures: Omit<ReplicaRunFigures, 'variant' | 'repeat'>): string {
  return `primary ${work(figures.primary)}${cpu(figures.cpuMs.primary)} · replica ${work(figures.replica)}${cpu(figures.cpuMs.replica)} · ${lag(figures.lag)}`;
}

/**
 * The report's sentences: per variant (mean over its runs) what the primary and the standby did
 * per request, the share of the primary's execution time the optimized side moved off it, and
 * the replication lag while measured. Empty when no read-replica run was watched.
 */
export function replicaNotices(runs: readonly ReplicaRunFigures[]): string[] {
  const naive = meanWork(runs.filter((r) => r.variant === 'naive'));
  const optimized = meanWork(runs.filter((r) => r.variant === 'optimized'));
  if (!naive && !optimized) return [];
  const notices = [
    `read-replica, per request (pg_stat_statements deltas on each server, mean over runs): naive: primary ${work(naive?.primary ?? null)}, replica ${work(naive?.replica ?? null)}; optimized: primary ${work(optimized?.primary ?? null)}, replica ${work(optimized?.replica ?? null)}.`,
  ];
  const before = naive?.primary?.execMs;
  const after = optimized?.primary?.execMs;
  if (before && after !== undefined) {
    notices.push(`read-replica: the optimized side moved ${(100 * (1 - after / before)).toFixed(0)}% of the primary's execution time per request to the standby (${before.toFixed(3)} → ${after.toFixed(3)} ms) and ${(naive!.primary!.statements - optimized!.primary!.statements).toFixed(2)} of its statements per request.`);
  }
  const cpuOf = (variant: string, server: 'primary' | 'replica') => meanOf(runs.filter((r) => r.variant === variant).map((r) => r.cpuMs[server]));
  const [cpuBefore, cpuAfter] = [cpuOf('naive', 'primary'), cpuOf('optimized', 'primary')];
  if (cpuBefore && cpuAfter !== null) {
    notices.push(`read-replica: the primary's processes used ${cpuBefore.toFixed(2)} ms of CPU per request (naive) vs ${cpuAfter.toFixed(2)} ms (optimized), ${(100 * (1 - cpuAfter / cpuBefore)).toFixed(0)}% less; the standby's ${cpuOf('optimized', 'replica')?.toFixed(2) ?? 'n/a'} ms (user + system time from /proc, all of each cluster's processes).`);
  }
  for (const variant of ['naive', 'optimized'] as const) {
    const own = runs.filter((r) => r.variant === variant);
    if (own.length) notices.push(`read-replica ${variant}: replication lag while measured: ${lag(worstLag(own.map((r) => r.lag)))} (physical streaming standby, sampled every 200 ms).`);
  }
  return notices;
}

function cpu(ms: number | null): string {
  return ms === null ? '' : `, ${ms.toFixed(2)} ms CPU`;
}

/** The mean of the runs' figures; null when any run has none. */
function meanOf(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return (values as number[]).reduce((a, b) => a + b, 0) / values.length;
}

function work(w: ServerWork | null): string {
  if (!w) return 'n/a (no pg_stat_statements)';
  return `${w.statements.toFixed(2)} stmt, ${w.execMs.toFixed(3)} ms exec, ${w.rows.toFixed(1)} rows, ${w.blocks.toFixed(1)} buffers`;
}

function lag(l: LagFigures): string {
  if (l.samples === 0) return 'lag not sampled (standby not streaming?)';
  const time = l.meanMs === null ? 'replay_lag idle' : `replay_lag mean ${l.meanMs.toFixed(1)} ms, max ${l.maxMs!.toFixed(1)} ms`;
  return `lag ≤ ${(l.maxBytes / 1024).toFixed(1)} kB behind, ${time}`;
}

function meanWork(runs: readonly ReplicaRunFigures[]): { primary: ServerWork | null; replica: ServerWork | null } | null {
  if (runs.length === 0) return null;
  const mean = (pick: (r: ReplicaRunFigures) => ServerWork | null): ServerWork | null => {
    const all = runs.map(pick);
    if (all.some((w) => w === null)) return null;
    const sum = (key: keyof ServerWork) => all.reduce((n, w) => n + w![key], 0) / all.length;
    return { statements: sum('statements'), execMs: sum('execMs'), rows: sum('rows'), blocks: sum('blocks') };
  };
  return { primary: mean((r) => r.primary), replica: mean((r) => r.replica) };
}

/** The worst of several windows: max of the maxima, mean of the means. */
function worstLag(lags: readonly LagFigures[]): LagFigures {
  const means = lags.map((l) => l.meanMs).filter((m): m is number => m !== null);
  const maxima = lags.map((l) => l.maxMs).filter((m): m is number => m !== null);
  return {
    samples: lags.reduce((n, l) => n + l.samples, 0),
    maxBytes: Math.max(0, ...lags.map((l) => l.maxBytes)),
    meanMs: means.length ? means.reduce((a, b) => a + b, 0) / means.length : null,
    maxMs: maxima.length ? Math.max(...maxima) : null,
  };
}
