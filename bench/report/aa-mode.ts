import type { ComparisonSummary, Results } from '../results/types.ts';

/** What every report of an A/A run (`perflab run --aa`) says about it, word for word. */
export const AA_NOTICE =
  "A/A: both sides run the optimized path — any verdict other than no-difference is a false positive. The side stored as 'naive' sent the optimized request too; the ratios measure the method's noise, not the code.";

/** The short label put beside the run's headline: in the terminal header, results.md and the HTML banner. */
export const AA_LABEL = 'A/A run (both sides optimized)';

/** True when the results come from `perflab run --aa`. */
export function isAaRun(results: Pick<Results, 'run'>): boolean {
  return results.run.options.aa === true;
}

/** In an A/A run a difference verdict (faster, slower) is a false positive; 'failed' is a real failure of the path. */
export function isFalsePositive(results: Pick<Results, 'run'>, summary: Pick<ComparisonSummary, 'verdict'>): boolean {
  return isAaRun(results) && (summary.verdict === 'faster' || summary.verdict === 'slower');
}
