import type { GateReport } from '../gate/gate-schema.ts';
import { tCritical } from '../stats/student-t.ts';
import { CHECK_KINDS, type CheckKind } from '../gate/gate-schema.ts';

/** Per check kind, over the A/A gates: how many gates had at least one failed check of that kind. */
export interface FalsePositiveRate {
  kind: CheckKind;
  gates: number;
  gatesWithAFail: number;
  rate: number;
  /** Checks of that kind over all gates, and how many of them failed. */
  checks: number;
  failedChecks: number;
}

/** Pure: the false-positive rate of each check kind over A/A gates (unchanged code against itself). */
export function falsePositiveRates(reports: readonly GateReport[]): FalsePositiveRate[] {
  return CHECK_KINDS.map((kind) => {
    const ofKind = reports.map((r) => r.checks.filter((c) => c.kind === kind));
    const gatesWithAFail = ofKind.filter((checks) => checks.some((c) => c.status === 'fail')).length;
    const checks = ofKind.reduce((n, c) => n + c.length, 0);
    const failedChecks = ofKind.reduce((n, c) => n + c.filter((k) => k.status === 'fail').length, 0);
    return { kind, gates: reports.length, gatesWithAFail, rate: reports.length === 0 ? 0 : gatesWithAFail / reports.length, checks, failedChecks };
  }).filter((r) => r.checks > 0);
}

/** Over the A/A gates: how many had at least one failed timing check (relative or absolute), the figure a CI user feels. */
export function timingFalsePositives(reports: readonly GateReport[]): { gates: number; gatesWithAFail: number; rate: number; checks: number; failedChecks: number } {
  const timing = reports.map((r) => r.checks.filter((c) => c.kind === 'relative' || c.kind === 'absolute'));
  const gatesWithAFail = timing.filter((checks) => checks.some((c) => c.status === 'fail')).length;
  const checks = timing.reduce((n, c) => n + c.length, 0);
  const failedChecks = timing.reduce((n, c) => n + c.filter((k) => k.status === 'fail').length, 0);
  return { gates: reports.length, gatesWithAFail, rate: reports.length === 0 ? 0 : gatesWithAFail / reports.length, checks, failedChecks };
}

/** The smallest worsening a check kind catches with 80% power at the 95% level, from the A/A intervals. */
export interface DetectableEffect {
  kind: CheckKind;
  /** Median over the A/A checks of that kind that had an interval. */
  medianEffect: number;
  /** The largest such figure (the least sensitive check), and which check it was. */
  worstEffect: number;
  worstCheck: string;
  checks: number;
}

/**
 * Pure: for every timed check with an interval, its log-scale standard error recovered from the
 * interval's width at the level and df it was computed at (se = ln(hi/lo) / (2·t)), and the
 * worsening it catches with 80% power at that same level: exp((t + t₀.₈) · se) − 1, never below
 * the gate's minimum effect (smaller changes pass by design). A check from before levels were
 * recorded is read as a 95% normal interval. Deterministic checks have no noise: any rise is caught.
 */
export function minimumDetectableEffects(reports: readonly GateReport[]): DetectableEffect[] {
  const byKind = new Map<CheckKind, { effect: number; name: string }[]>();
  for (const report of reports) {
    for (const check of report.checks) {
      if (!check.interval || check.interval[0] <= 0) continue;
      const df = check.degreesOfFreedom ?? Number.POSITIVE_INFINITY;
      const t = Number.isFinite(df) ? tCritical(check.confidence ?? 0.95, df) : 1.96;
      const power = Number.isFinite(df) ? tCritical(0.6, df) : 0.84;
      const se = Math.log(check.interval[1] / check.interval[0]) / (2 * t);
      const effect = Math.max(report.minEffect, Math.exp((t + power) * se) - 1);
      byKind.set(check.kind, [...(byKind.get(check.kind) ?? []), { effect, name: check.name }]);
    }
  }
  return [...byKind.entries()].map(([kind, list]) => {
    const sorted = [...list].sort((a, b) => a.effect - b.effect);
    const worst = sorted[sorted.length - 1] as { effect: number; name: string };
    return { kind, medianEffect: (sorted[Math.floor((sorted.length - 1) / 2)] as { effect: number }).effect, worstEffect: worst.effect, worstCheck: worst.name, checks: sorted.length };
  });
}
