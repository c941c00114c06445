import type { Results } from '../../results/types.ts';
import type { GateCheck } from '../gate-schema.ts';
import { decideAsFamily, type TimingFamily } from '../timing-family.ts';
import { mergeRounds } from './merge-rounds.ts';
import { pairedAbsoluteChecks } from './paired-absolute-checks.ts';
import { pairedRelativeChecks } from './paired-relative-checks.ts';
import type { Sides } from './sides.ts';

/** Each build's rounds (each a one-repeat run of every comparison), in round order. */
export type AgainstRounds = Sides<readonly Results[]>;

/**
 * Pure: `--against`'s timing checks from its rounds: each comparison's optimized/naive ratio
 * (relative) and the optimized paths' req/s and p50/p95/p99 (absolute), paired by round with the
 * noise pooled over comparisons, all decided as one family (Bonferroni). Also what the study re-decides stored rounds with.
 */
export function againstTimingChecks(rounds: AgainstRounds, minEffect: number, quick: boolean): { merged: Sides<Results>; checks: GateCheck[]; family: TimingFamily } {
  const [b, c] = [mergeRounds(rounds.base, quick), mergeRounds(rounds.candidate, quick)];
  const { checks, family } = decideAsFamily((f) => [...pairedRelativeChecks(b, c, minEffect, f), ...pairedAbsoluteChecks(b, c, minEffect, f)]);
  return { merged: { base: b, candidate: c }, checks, family };
}
