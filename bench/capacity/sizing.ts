/** Where the target rate comes from: given directly, or from users and their habits. */
export type TargetSource =
  | { kind: 'rps'; rps: number }
  | { kind: 'users'; users: number; requestsPerUserDay: number; peakFactor: number };

/** The target peak rate and the formula that gave it, with the numbers, for the reader to check. */
export function targetRate(source: TargetSource): { rps: number; formula: string } {
  if (source.kind === 'rps') return { rps: source.rps, formula: `target = ${fmt(source.rps)} req/s (--target-rps)` };
  const rps = (source.users * source.requestsPerUserDay * source.peakFactor) / 86_400;
  return { rps, formula: `target = users × requests/user/day × peak factor / 86 400 s = ${fmt(source.users)} × ${fmt(source.requestsPerUserDay)} × ${fmt(source.peakFactor)} / 86 400 = ${fmt(rps)} req/s` };
}

export interface InstancePlan {
  /** The rate one instance is run at: max × (1 − headroom). */
  operatingRate: number;
  instances: number;
  formula: string;
}

/** instances = ceil(target / (max × (1 − headroom))). */
export function instancesFor(targetRps: number, maxRate: number, headroom: number): InstancePlan {
  const operatingRate = maxRate * (1 - headroom);
  const instances = Math.max(1, Math.ceil(targetRps / operatingRate));
  return { operatingRate, instances, formula: `instances = ceil(${fmt(targetRps)} / (${fmt(maxRate)} × (1 − ${fmt(headroom)}))) = ceil(${fmt(targetRps)} / ${fmt(operatingRate)}) = ${instances}` };
}

/** Margin over the Little's-law mean of busy connections, for bursts around the mean. */
export const POOL_MARGIN = 1.25;

export interface PoolPlan {
  /** Mean connections busy per instance at its maximum rate: X × D. */
  busyConnections: number;
  poolPerInstance: number;
  fleetConnections: number;
  maxConnections: number | null;
  /** True when the fleet's pools together exceed Postgres max_connections (minus 3 reserved). */
  exceedsMaxConnections: boolean | null;
  formula: string;
}

/**
 * The Postgres pool per instance from Little's law on database time: an instance at `maxRate`
 * keeps X × D connections busy on average (D = db time per request); the pool adds POOL_MARGIN.
 * The fleet's connections are compared with max_connections (3 kept for superusers by default).
 */
export function poolFor(maxRate: number, dbMsPerRequest: number, instances: number, maxConnections: number | null): PoolPlan {
  const busyConnections = (maxRate * dbMsPerRequest) / 1000;
  const poolPerInstance = Math.max(2, Math.ceil(busyConnections * POOL_MARGIN));
  const fleetConnections = poolPerInstance * instances;
  const usable = maxConnections === null ? null : maxConnections - 3;
  return {
    busyConnections,
    poolPerInstance,
    fleetConnections,
    maxConnections,
    exceedsMaxConnections: usable === null ? null : fleetConnections > usable,
    formula: `pool = max(2, ceil(X × D × ${POOL_MARGIN})) = ceil(${fmt(maxRate)} req/s × ${fmt(dbMsPerRequest / 1000)} s × ${POOL_MARGIN}) = ${poolPerInstance}; fleet = ${instances} × ${poolPerInstance} = ${fleetConnections}${maxConnections === null ? '' : ` vs max_connections ${maxConnections} (3 reserved)`}`,
  };
}

/** "The fix buys N× headroom: k instances instead of m for the target" — naive vs optimized in capacity terms. */
export function headroomSentence(naiveMax: number, optimizedMax: number, targetRps: number, headroom: number): string {
  const naive = instancesFor(targetRps, naiveMax, headroom).instances;
  const optimized = instancesFor(targetRps, optimizedMax, headroom).instances;
  const ratio = optimizedMax / naiveMax;
  const buys = ratio >= 1 ? `buys ${ratio.toFixed(1)}× headroom` : `costs capacity (${ratio.toFixed(2)}× the naive maximum)`;
  return `The fix ${buys}: ${optimized} instance${optimized === 1 ? '' : 's'} instead of ${naive} for ${fmt(targetRps)} req/s.`;
}

/** Numbers as a reader checks them: at most 3 significant decimals, thousands grouped. */
export function fmt(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}
