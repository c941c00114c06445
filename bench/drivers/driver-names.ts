/** The load generators perflab drives; `registry.ts` holds one Driver per name. */
export const DRIVER_NAMES = ['autocannon', 'k6'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];
