/** The comparison summary's shape is defined once, in the results schema; the statistics re-export it. */
export { INTERVAL_METHOD, VERDICTS } from '../results/summary-schema.ts';
export type { ComparisonSummary, RatioEstimate, VariantOutcomes, Verdict } from '../results/types.ts';
