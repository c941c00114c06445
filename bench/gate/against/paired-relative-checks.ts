import type { Results, ScenarioRun } from '../../results/types.ts';
import { decideChange } from '../decide-change.ts';
import type { GateCheck } from '../gate-schema.ts';
import { comparisonDrivers, fmt, geometricMeanOrNull } from '../pairs-by-key.ts';
import { SINGLE_CHECK, type TimingFamily } from '../timing-family.ts';
import { pooledPairedLogRatios } from './pooled-log-ratios.ts';

/** One round's headline optimized/naive ratio: throughput under a closed model, naive p95 / optimized p95 under an open one; null when a side completed nothing. */
function roundRatio(naive: ScenarioRun | undefined, optimized: ScenarioRun | undefined): number | null {
  if (!naive || !optimized || naive.succeeded === 0 || optimized.succeeded === 0) return null;
  return optimized.loadModel.type === 'open' ? naive.latencyMs.p95 / optimized.latencyMs.p95 : optimized.throughput / naive.throughput;
}

/**
 * `--against`: each comparison's headline optimized/naive ratio, candidate against base, paired
 * by round (both builds' rounds adjacent in ABBA order) with the noise pooled over the
 * comparisons, like the absolute checks: two builds measured on one host need not compare two
 * independent documents (the --baseline relative check, Welch on 2 df a side at 3 rounds).
 */
export function pairedRelativeChecks(base: Results, candidate: Results, minEffect: number, family: TimingFamily = SINGLE_CHECK): GateCheck[] {
  const perKey = comparisonDrivers(candidate.scenarios).map(({ comparison, driver }) => {
    const ratios = (results: Results) => {
      const runs = results.scenarios.filter((s) => s.comparison === comparison && s.driver === driver);
      const rounds = [...new Set(runs.map((s) => s.repeat))];
      return new Map(rounds.map((r) => [r, roundRatio(runs.find((s) => s.repeat === r && s.variant === 'naive'), runs.find((s) => s.repeat === r && s.variant === 'optimized'))]));
    };
    const [b, c] = [ratios(base), ratios(candidate)];
    const pairs = [...c.entries()].flatMap(([round, after]) => (after !== null && b.get(round) != null ? [[b.get(round) as number, after] as const] : []));
    const open = candidate.scenarios.find((s) => s.comparison === comparison && s.driver === driver)?.loadModel.type === 'open';
    const empty = { base: [...b.values()].filter((v) => v === null).length, candidate: [...c.values()].filter((v) => v === null).length, allBase: [...b.values()].every((v) => v === null), allCandidate: [...c.values()].every((v) => v === null) };
    return { comparison, driver, pairs, open, empty };
  });
  const changes = pooledPairedLogRatios(perKey.map((k) => k.pairs), family.confidence);
  return perKey.map(({ comparison, driver, pairs, open, empty }, i): GateCheck => {
    const [before, after] = [geometricMeanOrNull(pairs.map((p) => p[0])), geometricMeanOrNull(pairs.map((p) => p[1]))];
    const common = { name: `optimized/naive ${open ? 'p95' : 'throughput'} ratio ${comparison} (${driver}, paired)`, kind: 'relative' as const, comparison, driver, unit: '×', baseline: before, candidate: after };
    if (empty.allBase && empty.allCandidate) {
      return { ...common, change: null, interval: null, status: 'not-compared', evidence: `no ratio on either build: every round had a run that completed no request (${empty.base} on the base, ${empty.candidate} on the candidate), so its windows are too short for this path (--duration); the optimized path's own figures are checked apart` };
    }
    const change = changes[i];
    if (!change) return { ...common, change: null, interval: null, status: 'inconclusive', evidence: `${pairs.length} round(s) with a ratio on both builds (${empty.base} base and ${empty.candidate} candidate rounds had a run that completed no request): at least 2 are needed` };
    const decided = decideChange(change, minEffect, true, family.label);
    return { ...common, change: change.estimate, interval: change.interval, confidence: family.confidence, degreesOfFreedom: change.degreesOfFreedom, status: decided.status, evidence: `ratio ${fmt(before as number)}× → ${fmt(after as number)}× over ${pairs.length} paired rounds (noise pooled, ${change.degreesOfFreedom} df): ${decided.evidence}` };
  });
}
