import type { GateCheck } from './gate-schema.ts';
import { percent } from './decide-change.ts';

/** The chance a gate of an unchanged build fails any timing check: 1 in 20. */
export const FAMILY_ALPHA = 0.05;

/** The confidence each timing check's interval is computed at, and how its evidence names it. */
export interface TimingFamily {
  confidence: number;
  label: string;
  /** Timing checks with an interval in the gate (1 when decided alone). */
  checks: number;
}

export const SINGLE_CHECK: TimingFamily = { confidence: 0.95, label: '95% interval', checks: 1 };

/**
 * Bonferroni over a gate's timing checks: each at 1 − 0.05/m, so all m intervals hold together
 * with ≥ 95% confidence and an unchanged build fails some timing check in at most 1 gate in 20.
 * Each at 95% would not: measured A/A at 3 rounds, 1 of the first 3 gates failed 4 of its 40
 * absolute checks (2.5% per check, one-sided, over 40 checks is ≈ 1 false fail per gate).
 */
export function timingFamily(checks: number): TimingFamily {
  if (checks <= 1) return SINGLE_CHECK;
  const confidence = 1 - FAMILY_ALPHA / checks;
  return { confidence, label: `${percent(confidence)} interval`, checks };
}

/** Two passes: count the timing checks that have an interval (at 95%), then decide them all at the family's level. */
export function decideAsFamily(make: (family: TimingFamily) => GateCheck[]): { checks: GateCheck[]; family: TimingFamily } {
  const family = timingFamily(make(SINGLE_CHECK).filter((c) => c.interval !== null).length);
  return { checks: make(family), family };
}

/** The gate note that says how timing intervals were computed. */
export function familyNote(family: TimingFamily): string {
  return family.checks <= 1
    ? 'Timing intervals are 95%.'
    : `Timing intervals are simultaneous: each of the ${family.checks} timing checks with an interval is decided at ${percent(family.confidence)} (Bonferroni), so all hold together with ≥ 95% confidence and an unchanged build fails a timing check in at most 1 gate in 20.`;
}
