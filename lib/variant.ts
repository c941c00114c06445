/** The two implementations every comparison mounts, in the order reports list them. */
export const VARIANTS = ['naive', 'optimized'] as const;

/** `naive` or `optimized`: the one name the server, the catalog and the results share. */
export type Variant = (typeof VARIANTS)[number];
