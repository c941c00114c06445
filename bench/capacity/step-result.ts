import type { LatencySlo } from './slo.ts';

/** What one measured open-model step saw (its warm-up already discarded by whoever measured it). */
export interface StepResult {
  offeredRate: number;
  /** Requests/s the generator actually sent. */
  deliveredRate: number;
  /** Successful (2xx) answers per second. */
  throughput: number;
  succeeded: number;
  failed: number;
  /** failed / (succeeded + failed); null when nothing was sent. */
  failureRate: number | null;
  latencyMs: { p50: number; p95: number; p99: number; mean: number };
  /** Arrivals the generator could not start (k6); null when the generator does not report it. */
  droppedIterations: number | null;
  generatorSaturated: boolean;
  /** The generator's own words on why it is saturated or did not hold the rate; null when neither. */
  generatorReason: string | null;
  /** Mean database time per request the server reported for the step (Server-Timing/`/__stats`); null when unknown. */
  dbMsPerRequest: number | null;
}

/** What stops a step from passing: latency over the SLO, ≥ 1% failures, rate not delivered, or the generator itself. */
export type Breach = 'latency' | 'errors' | 'rate' | 'generator';

export interface StepJudgement {
  passed: boolean;
  /** Every breach of the step, most telling first (generator, errors, latency, rate). */
  breaches: Breach[];
  /** One sentence per breach, with the figures. */
  reasons: string[];
}

/** The pass criteria: failures below 1%, delivered at least 99% of offered. */
export const STEP_CRITERIA = { maxFailureRate: 0.01, minDeliveredShare: 0.99 } as const;

/**
 * A step passes only when p95/p99 meet the SLO, failures < 1%, delivered ≥ 99% of offered, no
 * dropped iterations and the generator not saturated. A saturated generator comes first: its
 * figures are its own limit, not the server's.
 */
export function judgeStep(step: StepResult, slo: LatencySlo): StepJudgement {
  const found: [Breach, string][] = [];
  if (step.generatorSaturated) found.push(['generator', `the load generator was saturated${step.generatorReason ? ` (${step.generatorReason})` : ''}`]);
  const total = step.succeeded + step.failed;
  if (total === 0) found.push(['errors', 'no request completed']);
  else if ((step.failureRate ?? 0) >= STEP_CRITERIA.maxFailureRate) found.push(['errors', `${pct(step.failureRate ?? 0)} of requests failed (limit 1%)`]);
  if (step.succeeded > 0 && slo.p95Ms !== null && step.latencyMs.p95 >= slo.p95Ms) found.push(['latency', `p95 ${ms(step.latencyMs.p95)} ≥ ${slo.p95Ms} ms`]);
  else if (step.succeeded > 0 && slo.p99Ms !== null && step.latencyMs.p99 >= slo.p99Ms) found.push(['latency', `p99 ${ms(step.latencyMs.p99)} ≥ ${slo.p99Ms} ms`]);
  if (step.deliveredRate < STEP_CRITERIA.minDeliveredShare * step.offeredRate) found.push(['rate', `delivered ${Math.round(step.deliveredRate)} of ${Math.round(step.offeredRate)} req/s offered (< 99%)`]);
  else if ((step.droppedIterations ?? 0) > 0) found.push(['rate', `${step.droppedIterations} arrivals dropped`]);
  return { passed: found.length === 0, breaches: found.map(([b]) => b), reasons: found.map(([, r]) => r) };
}

function pct(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
