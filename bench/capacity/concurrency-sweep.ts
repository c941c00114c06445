import { checkLittle } from './littles-law.ts';
import type { SweepPoint } from './capacity-schema.ts';
import type { DriverOutput } from '../drivers/types.ts';

/** Throughput below this share of the best so far means the curve has turned down: stop. */
const FALL_SHARE = 0.8;
/** p95 above this multiple of the SLO means latency has exploded: stop. */
const EXPLODE_FACTOR = 20;

/** A closed-model window as a sweep point, with Little's law checked on it. */
export function sweepPoint(concurrency: number, output: DriverOutput): SweepPoint {
  const { p50, p95, p99, mean } = output.latencyMs;
  const { predicted, deviation, holds } = checkLittle(concurrency, output.throughput, mean);
  return { concurrency, throughput: output.throughput, failureRate: output.failureRate, latencyMs: { p50, p95, p99, mean }, little: { predicted, deviation, holds } };
}

/** Fewest levels before a fall in throughput may end the sweep: one noisy level must not leave too few points for a fit. */
const MIN_LEVELS = 4;

/** Whether the sweep should stop after `points`: throughput fell (after MIN_LEVELS), latency exploded, or failures passed 1%. */
export function sweepShouldStop(points: readonly SweepPoint[], sloMs: number): boolean {
  const last = points.at(-1);
  if (!last) return false;
  const best = Math.max(...points.map((p) => p.throughput));
  // nothing completed in the window: every request outlived it, latency has exploded past measuring
  if (last.throughput === 0) return true;
  return (points.length >= MIN_LEVELS && last.throughput < FALL_SHARE * best) || last.latencyMs.p95 > EXPLODE_FACTOR * sloMs || (last.failureRate ?? 0) >= 0.01;
}

/** Runs the closed-model levels in order until `sweepShouldStop`. */
export async function runSweep(levels: readonly number[], sloMs: number, measure: (connections: number) => Promise<DriverOutput>, onPoint?: (point: SweepPoint) => void): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const connections of levels) {
    const point = sweepPoint(connections, await measure(connections));
    points.push(point);
    onPoint?.(point);
    if (sweepShouldStop(points, sloMs)) break;
  }
  return points;
}
