import type { MicroPairResult, MicroTaskResult, Results } from '../results/types.ts';
import { decideChange } from './decide-change.ts';
import { SINGLE_CHECK, type TimingFamily } from './timing-family.ts';
import type { GateCheck } from './gate-schema.ts';
import { hostDifferences } from './host-fingerprint.ts';
import { fmt, joinByKey, oneSided } from './pairs-by-key.ts';
import { logEstimateOfRatio, logEstimateOfRuns, welchLogRatio } from './welch-log-ratio.ts';

/** Why a micro result has no deterministic or SLO check: said in the gate's notes. */
export const MICRO_NOTE = 'Micro-benchmarks (perflab micro) time in-process code: they have no statements per request (no deterministic check) and no catalog thresholds (no SLO check); their pair speedups are gated as relative checks, their task mean times as absolute ones on the same host only.';

/**
 * `perflab micro` results: each pair's speedup (baseline task time / candidate task time, one
 * run's interleaved repeats, so portable across hosts like an optimized/naive ratio) compared
 * candidate document against baseline document — a relative check, Welch on the log scale —
 * and each task's mean time per call from its per-repeat means — an absolute check, only when
 * the host fingerprints match. Empty when neither document holds micro results.
 */
export function microChecks(baseline: Results, candidate: Results, minEffect: number, family: TimingFamily = SINGLE_CHECK): GateCheck[] {
  if (!baseline.micro && !candidate.micro) return [];
  const pairs = joinByKey(baseline.micro?.pairs ?? [], candidate.micro?.pairs ?? [], (p) => p.key).map(({ baseline: b, candidate: c }) => pairCheck(b, c, minEffect, family));
  const differences = hostDifferences(baseline.run.host, candidate.run.host);
  const tasks = joinByKey(baseline.micro?.tasks ?? [], candidate.micro?.tasks ?? [], (t) => t.key).map(({ baseline: b, candidate: c }) => taskCheck(b, c, minEffect, differences, family));
  return [...pairs, ...tasks];
}

function pairCheck(b: MicroPairResult | undefined, c: MicroPairResult | undefined, minEffect: number, family: TimingFamily): GateCheck {
  const any = (b ?? c) as MicroPairResult;
  const base = { name: `micro speedup ${any.key}`, kind: 'relative' as const, comparison: any.suite, driver: 'tinybench', unit: '×' };
  const before = b?.speedup.estimate ?? null;
  const after = c?.speedup.estimate ?? null;
  if (!b || !c) return { ...base, baseline: before, candidate: after, change: null, interval: null, ...oneSided(b !== undefined) };
  const [z, a] = [logEstimateOfRatio(b.speedup), logEstimateOfRatio(c.speedup)];
  if (!a || !z) return { ...base, baseline: before, candidate: after, change: null, interval: null, status: 'inconclusive', evidence: `the ${!z ? 'baseline' : 'candidate'} speedup has no interval (fewer than 3 repeats: run without --quick)` };
  const change = welchLogRatio(a, z, family.confidence);
  const decided = decideChange(change, minEffect, true, family.label);
  return { ...base, baseline: before, candidate: after, change: change.estimate, interval: change.interval, confidence: family.confidence, degreesOfFreedom: change.degreesOfFreedom, status: decided.status, evidence: `${any.candidate} vs ${any.baseline} ${fmt(before as number)}× → ${fmt(after as number)}×: ${decided.evidence}` };
}

function taskCheck(b: MicroTaskResult | undefined, c: MicroTaskResult | undefined, minEffect: number, differences: string[], family: TimingFamily): GateCheck {
  const any = (b ?? c) as MicroTaskResult;
  const base = { name: `micro mean time ${any.key}`, kind: 'absolute' as const, comparison: any.suite, driver: 'tinybench', unit: 'ns', baseline: b?.meanNs ?? null, candidate: c?.meanNs ?? null };
  if (!b || !c) return { ...base, change: null, interval: null, ...oneSided(b !== undefined) };
  if (differences.length > 0) return { ...base, change: null, interval: null, status: 'not-compared', evidence: `not compared: different host (${differences.join(', ')})` };
  const [z, a] = [logEstimateOfRuns(b.repeatMeansNs), logEstimateOfRuns(c.repeatMeansNs)];
  if (!a || !z) return { ...base, change: null, interval: null, status: 'inconclusive', evidence: 'fewer than 2 repeats on a side: no interval' };
  const change = welchLogRatio(a, z, family.confidence);
  const decided = decideChange(change, minEffect, false, family.label);
  return { ...base, change: change.estimate, interval: change.interval, confidence: family.confidence, degreesOfFreedom: change.degreesOfFreedom, status: decided.status, evidence: `${fmt(b.meanNs)} → ${fmt(c.meanNs)} ns per call: ${decided.evidence}` };
}
