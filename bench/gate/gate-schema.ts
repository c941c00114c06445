import { z } from 'zod';

/** Version of gate.json; bump on any change a reader of the previous version would misread. */
export const GATE_SCHEMA_VERSION = 1;

export const CHECK_KINDS = ['deterministic', 'relative', 'absolute', 'slo'] as const;
export const CHECK_STATUSES = ['pass', 'fail', 'inconclusive', 'not-compared'] as const;
export const GATE_VERDICTS = ['pass', 'regression', 'inconclusive'] as const;

const interval = z.tuple([z.number().describe('Lower bound.'), z.number().describe('Upper bound.')]);

/** One check of the gate: what was compared, the figures, and why the status is what it is. */
export const gateCheckSchema = z
  .strictObject({
    name: z.string().min(1).describe('What the check compares, e.g. "queries/request orders-with-items optimized (autocannon)".'),
    kind: z.enum(CHECK_KINDS).describe("'deterministic': statement counts, 0% tolerance; 'relative': optimized/naive ratios (portable); 'absolute': req/s and latency (same host only); 'slo': the catalog thresholds as recorded."),
    comparison: z.string().min(1).describe('Catalog id of the comparison the check is about.'),
    driver: z.string().min(1).describe('Load generator whose figures are compared.'),
    unit: z.string().describe('Unit of baseline and candidate, e.g. "statements", "×", "req/s", "ms", "failed thresholds".'),
    baseline: z.number().nullable().describe('The figure in the baseline; null when absent there.'),
    candidate: z.number().nullable().describe('The figure in the candidate; null when absent there.'),
    change: z.number().nullable().describe('candidate/baseline as a ratio (1 = no change); for counts, candidate − baseline; null when either side is missing.'),
    interval: interval.nullable().describe('Interval of candidate/baseline at `confidence` (a t interval on the log scale); null for deterministic checks and when too few runs.'),
    confidence: z.number().gt(0).lt(1).optional().describe("Level the interval was computed at: 0.95 alone, 1 − 0.05/m when decided with the gate's m timing checks as one family (Bonferroni); absent without an interval."),
    degreesOfFreedom: z.number().positive().optional().describe('Degrees of freedom of the t interval; absent without an interval.'),
    status: z.enum(CHECK_STATUSES).describe("'pass', 'fail' (a regression), 'inconclusive' (could not decide), 'not-compared' (not comparable, e.g. different host; never counted as a pass)."),
    evidence: z.string().min(1).describe('One sentence saying why the status is what it is.'),
  })
  .describe('One check of the gate.')
  .meta({ id: 'gateCheck' });

const sideSchema = z
  .strictObject({
    runId: z.string().describe('Run id of the results document.'),
    gitSha: z.string().nullable().describe('Commit the run measured; null outside git.'),
    source: z.string().describe('Where the document came from (a path, or "fresh run").'),
    hostFingerprint: z.string().describe('Host fingerprint (see bench/gate/host-fingerprint.ts): absolute figures compare only when equal.'),
  })
  .describe('One side of the gate.');

/** THE definition of reports/<run-id>/gate.json; gate.schema.json is generated from it. */
export const gateReportSchema = z
  .strictObject({
    schemaVersion: z.literal(GATE_SCHEMA_VERSION).describe('Version of this format.'),
    verdict: z.enum(GATE_VERDICTS).describe("'regression' when any check failed; else 'inconclusive' when any could not decide; else 'pass'."),
    exitCode: z.int().min(0).max(3).describe('Exit code of perflab gate: 0 pass, 1 regression, 3 inconclusive (or as --inconclusive maps it).'),
    summary: z.string().min(1).describe('The verdict in one sentence.'),
    baseline: sideSchema,
    candidate: sideSchema,
    sameHost: z.boolean().describe('Whether both host fingerprints are equal (absolute checks run only then).'),
    minEffect: z.number().nonnegative().describe('Smallest relative change called a regression by relative and absolute checks (0.1 = 10%).'),
    deterministicOnly: z.boolean().describe('True when only the deterministic checks ran (--deterministic-only).'),
    checks: z.array(gateCheckSchema).describe('Every check, deterministic first.'),
    notes: z.array(z.string()).describe('What the gate could not check and why, one sentence each.'),
  })
  .meta({
    $id: `urn:perflab:gate:v${GATE_SCHEMA_VERSION}`,
    title: `perflab gate.json, schema version ${GATE_SCHEMA_VERSION}`,
    description: 'The outcome of perflab gate: one check per compared figure with its evidence. Generated from bench/gate/gate-schema.ts: do not edit by hand.',
  });

export type GateCheck = z.infer<typeof gateCheckSchema>;
export type CheckKind = (typeof CHECK_KINDS)[number];
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export type GateVerdict = (typeof GATE_VERDICTS)[number];
export type GateReport = z.infer<typeof gateReportSchema>;
export type GateSide = z.infer<typeof sideSchema>;
