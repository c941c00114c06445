import type { Results } from '../results/types.ts';
import { absoluteChecks } from './absolute-checks.ts';
import { deterministicChecks } from './deterministic-checks.ts';
import { DEFAULT_GATE_OPTIONS, type GateOptions } from './gate-options.ts';
import type { GateCheck, GateSide, GateVerdict } from './gate-schema.ts';
import { hostDifferences, hostFingerprintText } from './host-fingerprint.ts';
import { MICRO_NOTE, microChecks } from './micro-checks.ts';
import { relativeChecks } from './relative-checks.ts';
import { ALREADY_BROKEN, sloChecks } from './slo-checks.ts';
import { decideAsFamily, familyNote } from './timing-family.ts';

/** The two documents cannot be compared at all (another data set): one line, exit 2. */
export class GateInputError extends Error {
  override name = 'GateInputError';
}

/** What the gate found, before it is written anywhere. */
export interface GateOutcome {
  verdict: GateVerdict;
  summary: string;
  baseline: GateSide;
  candidate: GateSide;
  sameHost: boolean;
  minEffect: number;
  deterministicOnly: boolean;
  checks: GateCheck[];
  notes: string[];
}

/** What results.json does not record, so the gate cannot check it (said in every gate report). */
export const UNRECORDED_NOTES = [
  'Response parity (naive and optimized answer alike) is not recorded in results.json: it is checked by the comparison tests, not by the gate.',
  'Deferred (job) statements of bulk-import are not recorded in results.json: only statements per request are compared.',
];

/**
 * The gate, pure: every check of `candidate` against `baseline`, and the verdict they add
 * up to: 'regression' when any check failed, else 'inconclusive' when any could not decide,
 * else 'pass'. 'not-compared' checks count as neither, but the summary names them.
 * @throws GateInputError when the two runs served different data sets (scale or seed).
 */
export function runGate(baseline: Results, candidate: Results, sources: { baseline: string; candidate: string }, options: GateOptions = DEFAULT_GATE_OPTIONS): GateOutcome {
  const [a, b] = [baseline.dataset, candidate.dataset];
  if (a.scale !== b.scale || a.seed !== b.seed) {
    throw new GateInputError(`baseline and candidate served different data sets (scale ${a.scale}/seed ${a.seed} vs scale ${b.scale}/seed ${b.seed}): run the candidate with --scale ${a.scale} --seed ${a.seed}`);
  }
  const notes = [...UNRECORDED_NOTES];
  if (a.schemaVersion !== b.schemaVersion) notes.push(`The database schema differs (version ${a.schemaVersion} vs ${b.schemaVersion}): statement counts may change by design.`);
  const differences = hostDifferences(baseline.run.host, candidate.run.host);
  const timing = options.deterministicOnly
    ? null
    : decideAsFamily((family) => [...relativeChecks(baseline, candidate, options.minEffect, family), ...absoluteChecks(baseline, candidate, options.minEffect, family), ...microChecks(baseline, candidate, options.minEffect, family)]);
  const checks = [...deterministicChecks(baseline, candidate), ...(timing ? [...timing.checks, ...sloChecks(baseline, candidate)] : [])];
  if (timing) notes.push(familyNote(timing.family));
  if (baseline.micro || candidate.micro) notes.push(MICRO_NOTE);
  if (options.deterministicOnly) notes.push('--deterministic-only: no timing or SLO check ran.');
  if (differences.length > 0 && !options.deterministicOnly) notes.push(`Different host (${differences.join(', ')}): absolute figures (req/s, ms) not compared.`);
  const alreadyBroken = checks.filter((c) => c.kind === 'slo' && c.evidence.startsWith(ALREADY_BROKEN)).map((c) => c.name);
  if (alreadyBroken.length > 0) notes.push(`SLOs broken in the baseline and the candidate alike (fix them apart from this change): ${alreadyBroken.join('; ')}.`);
  const side = (results: Results, source: string): GateSide => ({ runId: results.run.id, gitSha: results.run.gitSha, source, hostFingerprint: hostFingerprintText(results.run.host) });
  const verdict = verdictOf(checks);
  return { verdict, summary: summarize(verdict, checks), baseline: side(baseline, sources.baseline), candidate: side(candidate, sources.candidate), sameHost: differences.length === 0, minEffect: options.minEffect, deterministicOnly: options.deterministicOnly, checks, notes };
}

/** 'regression' when any check failed, else 'inconclusive' when any could not decide, else 'pass'. */
export function verdictOf(checks: readonly GateCheck[]): GateVerdict {
  if (checks.some((c) => c.status === 'fail')) return 'regression';
  if (checks.some((c) => c.status === 'inconclusive')) return 'inconclusive';
  return 'pass';
}

/** The verdict in one sentence, naming failed checks and counting the not-compared ones. */
export function summarize(verdict: GateVerdict, checks: readonly GateCheck[]): string {
  const count = (status: GateCheck['status']) => checks.filter((c) => c.status === status).length;
  const notCompared = count('not-compared') > 0 ? `; ${count('not-compared')} not compared` : '';
  if (verdict === 'regression') {
    const failed = checks.filter((c) => c.status === 'fail').map((c) => c.name);
    return `regression: ${failed.length} of ${checks.length} checks failed (${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''})${notCompared}`;
  }
  if (verdict === 'inconclusive') return `could not decide: ${count('inconclusive')} of ${checks.length} checks inconclusive, none failed${notCompared}`;
  return `pass: ${count('pass')} of ${checks.length} checks passed${notCompared}`;
}
