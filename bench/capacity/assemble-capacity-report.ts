import { CAPACITY_SCHEMA_VERSION, type CapacityReport, type CapacityVariant } from './capacity-schema.ts';
import type { CapacityOptions } from './capacity-options.ts';
import { headroomSentence } from './sizing.ts';
import { sizeVariant } from './variant-capacity.ts';

export interface AssembleInput {
  runId: string;
  startedAt: Date;
  command: string;
  driver: string;
  options: Pick<CapacityOptions, 'headroom' | 'quick'>;
  target: { rps: number; formula: string } | null;
  maxConnections: number | null;
  variants: readonly CapacityVariant[];
  notices: readonly string[];
  complete: boolean;
}

/** Every figure rests on these; the report states them. */
export const CAPACITY_ASSUMPTIONS = [
  'One host kind: every instance is this machine (same cores, same load generator beside it), so per-instance maxima scale by instance count only.',
  'The database is not shared with other services, and its capacity grows with the fleet only as far as max_connections and its own CPU allow (not measured here).',
  'Loopback RTT between API and Postgres/Redis (no --db-latency): a real network adds its round trip to every query.',
  'The machine was shared with other work during the run: figures are lower bounds of a quiet host.',
  'Open-model steps discard their warm-up; latency counts from each request’s intended send time.',
];

/** capacity.json's content from what was measured (pure): sizing, sentences, assumptions. */
export function assembleCapacityReport(input: AssembleInput): CapacityReport {
  const { options, target } = input;
  const variants = input.variants.map((v) => sizeVariant(v, options.headroom, target?.rps ?? null, input.maxConnections));
  const ids = [...new Set(variants.map((v) => v.comparison))];
  const notices = [...input.notices];
  for (const v of variants) {
    if (v.outcome?.kind === 'generator-capped') notices.push(`${v.comparison} ${v.variant}: the load generator, not the server, capped the sweep at ${v.outcome.cappedAt} req/s; no maximum is claimed.`);
    // only a step that held its SLO says one instance carries a lower target (a first step that failed says nothing of the kind)
    const lowestPassed = Math.min(...v.steps.filter((s) => s.passed).map((s) => s.rate));
    if (target && target.rps < Math.min(...v.steps.map((s) => s.rate)) && target.rps < lowestPassed) notices.push(`${v.comparison} ${v.variant}: the target (${target.rps.toFixed(1)} req/s) is below the lowest step (${lowestPassed} req/s), which held its SLO: one instance carries it.`);
    if (v.outcome?.kind === 'none-passed') notices.push(`${v.comparison} ${v.variant}: no rate held its SLO on every try (lowest tried ${v.outcome.lowestRate} req/s): no sustainable rate was found, so none is reported.`);
  }
  return {
    schemaVersion: CAPACITY_SCHEMA_VERSION,
    run: { id: input.runId, startedAt: input.startedAt.toISOString(), finishedAt: new Date().toISOString(), complete: input.complete, command: input.command, driver: input.driver, quick: options.quick, headroom: options.headroom, target, maxConnections: input.maxConnections },
    variants,
    comparisons: ids.map((comparison) => ({ comparison, sentence: sentenceOf(variants.filter((v) => v.comparison === comparison), target?.rps ?? null, options.headroom) })),
    assumptions: CAPACITY_ASSUMPTIONS,
    notices,
  };
}

function sentenceOf(variants: CapacityVariant[], targetRps: number | null, headroom: number): string | null {
  const max = (variant: string) => {
    const o = variants.find((v) => v.variant === variant)?.outcome;
    return o?.kind === 'found' ? o.maxRate : null;
  };
  const naive = max('naive');
  const optimized = max('optimized');
  if (naive === null || optimized === null) return null;
  // without a target, size for the optimized variant's own maximum: what the naive code would need to match it
  return headroomSentence(naive, optimized, targetRps ?? optimized, headroom);
}
