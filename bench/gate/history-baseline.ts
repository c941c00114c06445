import { median } from 'simple-statistics';
import type { HistoryLine } from './history.ts';

/** Per comparison × driver: medians over the chosen history lines. */
export interface HistoryReference {
  comparison: string;
  driver: string;
  throughputRatio: number | null;
  p95Ratio: number | null;
  queriesPerRequest: { naive: number | null; optimized: number | null };
  runs: number;
}

/** The history lines a baseline may use: complete runs of the same host and data set, not the candidate itself; the last `n`. */
export function sameHostRuns(lines: readonly HistoryLine[], candidate: { id: string; host: string; scale: string; seed: number }, n: number): HistoryLine[] {
  return lines.filter((l) => l.complete && l.id !== candidate.id && l.host === candidate.host && l.scale === candidate.scale && l.seed === candidate.seed).slice(-n);
}

/** The median of each figure over `lines` (nulls left out; null when every run lacks it). */
export function historyReference(lines: readonly HistoryLine[]): HistoryReference[] {
  const groups = new Map<string, HistoryLine['comparisons']>();
  for (const line of lines) for (const c of line.comparisons) groups.set(`${c.comparison}\u0000${c.driver}`, [...(groups.get(`${c.comparison}\u0000${c.driver}`) ?? []), c]);
  const med = (values: (number | null)[]) => {
    const present = values.filter((v): v is number => v !== null);
    return present.length === 0 ? null : median(present);
  };
  return [...groups.values()].map((cs) => ({
    comparison: cs[0]!.comparison,
    driver: cs[0]!.driver,
    throughputRatio: med(cs.map((c) => c.throughputRatio)),
    p95Ratio: med(cs.map((c) => c.p95Ratio)),
    queriesPerRequest: { naive: med(cs.map((c) => c.queriesPerRequest.naive)), optimized: med(cs.map((c) => c.queriesPerRequest.optimized)) },
    runs: cs.length,
  }));
}
