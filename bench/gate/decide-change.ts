import type { CheckStatus } from './gate-schema.ts';
import { fmt } from './pairs-by-key.ts';
import type { RatioWithInterval } from './welch-log-ratio.ts';

/**
 * Status of a "higher is better" change candidate/baseline: 'fail' when the whole 95%
 * interval lies below 1 (a worsening is shown) and the estimate is worse than the minimum
 * effect (≤ 1/(1+minEffect)); otherwise 'pass', with a sentence that says whether a change
 * was shown and how large a worsening the interval still allows, so "no regression shown"
 * never reads as "no regression".
 */
export function decideChange(change: RatioWithInterval, minEffect: number): { status: CheckStatus; evidence: string } {
  const [low, high] = change.interval;
  const floor = 1 / (1 + minEffect);
  const interval = `95% interval ${fmt(low)}–${fmt(high)}`;
  if (high < 1 && change.estimate <= floor) {
    return { status: 'fail', evidence: `worse by ${percent(1 - change.estimate)}: ${interval} excludes 1 and ${fmt(change.estimate)}× is beyond the ${percent(minEffect)} minimum effect` };
  }
  if (high < 1) return { status: 'pass', evidence: `a worsening of ${percent(1 - change.estimate)} is shown (${interval}) but is within the ${percent(minEffect)} minimum effect` };
  if (low >= floor) return { status: 'pass', evidence: `${interval}: a worsening of ${percent(minEffect)} or more is ruled out` };
  return { status: 'pass', evidence: `no worsening shown (${interval} includes 1); a worsening up to ${percent(1 - low)} is not ruled out` };
}

export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
