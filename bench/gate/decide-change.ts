import type { CheckStatus } from './gate-schema.ts';
import { fmt } from './pairs-by-key.ts';
import type { RatioWithInterval } from './welch-log-ratio.ts';

/**
 * Status of a change candidate/baseline, worded in those terms. Worse means lower when
 * `higherIsBetter` (req/s, optimized/naive ratios), higher otherwise (ms). 'fail' when the
 * whole 95% interval lies on the worse side of 1 and the estimate is worse by at least the
 * minimum effect (×1/(1+m) or ×(1+m)); otherwise 'pass', with a sentence that says whether a
 * change was shown and how large a worsening the interval still allows, so "no regression
 * shown" never reads as "no regression".
 */
export function decideChange(change: RatioWithInterval, minEffect: number, higherIsBetter = true, label = '95% interval'): { status: CheckStatus; evidence: string } {
  const [low, high] = change.interval;
  const interval = `${label} ${fmt(low)}–${fmt(high)}`;
  // on the "worse" scale (> 1 is worse) whatever the direction
  const worse = (ratio: number) => (higherIsBetter ? 1 / ratio : ratio);
  const estimate = worse(change.estimate);
  const [best, worst] = higherIsBetter ? [worse(high), worse(low)] : [worse(low), worse(high)];
  if (best > 1 && estimate >= 1 + minEffect) {
    return { status: 'fail', evidence: `worse by ${percent(worsening(change.estimate, higherIsBetter))}: ${interval} excludes 1 and the change is beyond the ${percent(minEffect)} minimum effect` };
  }
  if (best > 1) return { status: 'pass', evidence: `a worsening of ${percent(worsening(change.estimate, higherIsBetter))} is shown (${interval}) but is within the ${percent(minEffect)} minimum effect` };
  if (worst < 1 + minEffect) return { status: 'pass', evidence: `${interval}: a worsening of ${percent(minEffect)} or more is ruled out` };
  const limit = higherIsBetter ? low : high;
  return { status: 'pass', evidence: `no worsening shown (${interval} includes 1); a worsening up to ${percent(worsening(limit, higherIsBetter))} is not ruled out` };
}

/** How much worse a candidate/baseline ratio is, as a share: 0.5× of a req/s is 50% worse, 1.5× of a latency 50%. */
function worsening(ratio: number, higherIsBetter: boolean): number {
  return higherIsBetter ? 1 - ratio : ratio - 1;
}

export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
