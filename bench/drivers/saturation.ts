/** The generator used ≥ this share of a core: its own timing is suspect (k6 docs ask for 20% idle). */
export const CPU_SATURATION_CORES = 0.9;
/** Delivered under this share of the offered rate: the open model did not hold its arrival rate. */
export const DELIVERY_FLOOR = 0.95;

export interface SaturationInput {
  cpuCores: number;
  offeredRate: number | null;
  deliveredRate: number;
  droppedIterations?: number | null;
}

export interface Saturation {
  /** The generator's own CPU limited the run: its timings are suspect. */
  saturated: boolean;
  /** Open model: the offered rate was delivered; null for the closed model. */
  rateHeld: boolean | null;
  reason: string | null;
}

/**
 * Says what limited a run, in one sentence. A busy generator makes its figures suspect; a
 * missed arrival rate with an idle generator means every connection was waiting on the server:
 * the server is slower than the offered rate, and its latencies are those of an overloaded server.
 */
export function assessSaturation(input: SaturationInput): Saturation {
  const reasons: string[] = [];
  const saturated = input.cpuCores >= CPU_SATURATION_CORES;
  if (saturated) reasons.push(`generator used ${input.cpuCores.toFixed(2)} cores (≥ ${CPU_SATURATION_CORES})`);
  const open = input.offeredRate !== null && input.offeredRate > 0;
  const rateHeld = open ? input.deliveredRate >= DELIVERY_FLOOR * (input.offeredRate as number) : null;
  if (rateHeld === false) {
    const share = Math.round((100 * input.deliveredRate) / (input.offeredRate as number));
    const dropped = input.droppedIterations ? `, ${input.droppedIterations} iterations dropped` : '';
    const cause = saturated ? '' : ': every connection was waiting on the server';
    reasons.push(`delivered ${input.deliveredRate.toFixed(1)} req/s of ${input.offeredRate} offered (${share}% < ${DELIVERY_FLOOR * 100}%${dropped})${cause}`);
  }
  return { saturated, rateHeld, reason: reasons.length ? reasons.join('; ') : null };
}
