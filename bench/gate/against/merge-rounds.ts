import type { Results } from '../../results/types.ts';
import { aggregateVariants } from '../../stats/aggregate-variants.ts';
import { DEFAULT_VERDICT_POLICY } from '../../stats/decide-verdict.ts';
import { summarizeComparisons } from '../../stats/summarize-comparisons.ts';

/**
 * Pure: one build's rounds (each a one-repeat run) as one results document, round r's runs
 * renumbered repeat r, so per-run figures, aggregates and ratio intervals read as if the runs
 * had been repeats of one run; the first round gives the run record and data set.
 */
export function mergeRounds(rounds: readonly Results[], quick: boolean): Results {
  const first = rounds[0];
  if (!first) throw new Error('mergeRounds: no round to merge');
  const scenarios = rounds.flatMap((round, index) => round.scenarios.map((s) => ({ ...s, repeat: index + 1 })));
  const last = rounds[rounds.length - 1] as Results;
  return {
    ...first,
    run: { ...first.run, finishedAt: last.run.finishedAt, complete: rounds.every((r) => r.run.complete), options: { ...first.run.options, repeat: rounds.length } },
    scenarios,
    variants: aggregateVariants(scenarios, []),
    comparisons: summarizeComparisons(scenarios, { ...DEFAULT_VERDICT_POLICY, verdicts: !quick }),
    notices: [...new Set(rounds.flatMap((r) => r.notices))],
  };
}
