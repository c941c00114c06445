import type { RatioEstimate, VariantOutcomes, Verdict } from './comparison-summary.ts';

/** The rules a verdict is drawn by; `DEFAULT_VERDICT_POLICY` holds the defaults. */
export interface VerdictPolicy {
  /** False: intervals are still computed but no faster/slower verdict is drawn (`--quick`). */
  verdicts: boolean;
  /**
   * Smallest effect called faster or slower: 0.05 means the estimate must reach 1.05× (or
   * 1/1.05×) besides the interval excluding 1, so a real but negligible difference (a
   * measurement artefact of a few percent) is not announced; autocannon-compare uses 5% too.
   */
  minEffect: number;
  /** Failure rate of the optimized side above which the verdict is 'failed' (catalog SLO: http_req_failed rate<0.01). */
  maxFailureRate: number;
}

export const DEFAULT_VERDICT_POLICY: VerdictPolicy = { verdicts: true, minEffect: 0.05, maxFailureRate: 0.01 };

/** The notice a `--quick` run carries in results.json and its printed summary. */
export const QUICK_NO_VERDICT_NOTICE = '--quick gives no verdict: 2 short pairs per comparison are too few for a 95% interval; ratios are indicative only (run without --quick for verdicts).';

/** What the verdict is read from: the headline ratio and each variant's request outcomes. */
export interface VerdictInput {
  ratio: RatioEstimate;
  /**
   * Pairs left out of the ratio because a side's run completed no request. Such a pair is
   * evidence against that side, so it blocks only the verdict that would favour it: an empty
   * optimized run forbids 'faster', an empty naive run forbids 'slower'.
   */
  emptyPairs: { naive: number; optimized: number };
  outcomes: { naive: VariantOutcomes; optimized: VariantOutcomes };
}

/**
 * The verdict of one comparison and the sentence that explains it. In order: 'failed' when
 * the optimized side's failure rate breaks `maxFailureRate` (a variant that fails fast must
 * never win); 'no-verdict' when verdicts are off or there are too few pairs for an interval;
 * 'faster'/'slower' when the 95% interval excludes 1, the estimate reaches the minimum effect
 * and no empty run of the favoured side was left out (else 'no-verdict'); otherwise
 * 'no-difference-shown'.
 */
export function decideVerdict(input: VerdictInput, policy: VerdictPolicy = DEFAULT_VERDICT_POLICY): { verdict: Verdict; reason: string } {
  const { ratio, emptyPairs, outcomes } = input;
  const optimizedTotal = outcomes.optimized.successes + outcomes.optimized.failures;
  const failureRate = optimizedTotal === 0 ? 0 : outcomes.optimized.failures / optimizedTotal;
  if (failureRate > policy.maxFailureRate) {
    return { verdict: 'failed', reason: `optimized failed ${percent(failureRate)} of requests (SLO: at most ${percent(policy.maxFailureRate)})` };
  }
  if (!policy.verdicts) return { verdict: 'no-verdict', reason: 'verdicts are off for this run (--quick)' };
  if (ratio.estimate === null || ratio.ci95 === null) return { verdict: 'no-verdict', reason: `${ratio.samples} usable pair(s): too few for an interval` };
  const [low, high] = ratio.ci95;
  const interval = `95% interval ${fmt(low)}–${fmt(high)}`;
  const threshold = 1 + policy.minEffect;
  if (low > 1 && ratio.estimate >= threshold) {
    if (emptyPairs.optimized > 0) return { verdict: 'no-verdict', reason: `${emptyPairs.optimized} optimized run(s) completed no request` };
    return { verdict: 'faster', reason: `${interval} excludes 1 and ${fmt(ratio.estimate)} ≥ ${fmt(threshold)}` };
  }
  if (high < 1 && ratio.estimate <= 1 / threshold) {
    if (emptyPairs.naive > 0) return { verdict: 'no-verdict', reason: `${emptyPairs.naive} naive run(s) completed no request` };
    return { verdict: 'slower', reason: `${interval} excludes 1 and ${fmt(ratio.estimate)} ≤ ${fmt(1 / threshold)}` };
  }
  if (low > 1 || high < 1) return { verdict: 'no-difference-shown', reason: `${interval} excludes 1 but ${fmt(ratio.estimate)} is within the ${percent(policy.minEffect)} minimum effect` };
  return { verdict: 'no-difference-shown', reason: `${interval} includes 1` };
}

function fmt(ratio: number): string {
  return `${Number(ratio.toPrecision(3))}×`;
}

function percent(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))}%`;
}
