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

/** Decides whether the generator, not the server, limited the run, and says why in one sentence. */
export function assessSaturation(input: SaturationInput): { saturated: boolean; reason: string | null } {
  const reasons: string[] = [];
  if (input.cpuCores >= CPU_SATURATION_CORES) {
    reasons.push(`generator used ${input.cpuCores.toFixed(2)} cores (≥ ${CPU_SATURATION_CORES})`);
  }
  if (input.offeredRate !== null && input.offeredRate > 0 && input.deliveredRate < DELIVERY_FLOOR * input.offeredRate) {
    const share = Math.round((100 * input.deliveredRate) / input.offeredRate);
    const dropped = input.droppedIterations ? `, ${input.droppedIterations} iterations dropped` : '';
    reasons.push(`delivered ${input.deliveredRate.toFixed(1)} req/s of ${input.offeredRate} offered (${share}% < ${DELIVERY_FLOOR * 100}%${dropped})`);
  }
  return reasons.length ? { saturated: true, reason: reasons.join('; ') } : { saturated: false, reason: null };
}
