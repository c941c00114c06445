import { z } from 'zod';

/** Version of capacity.json; bump on any change a reader of the previous version would misread. */
export const CAPACITY_SCHEMA_VERSION = 1;

const rate = () => z.number().nonnegative();
const breach = z.enum(['latency', 'errors', 'rate', 'generator']).describe('What stopped a step: latency over the SLO, ≥ 1% failures, rate not delivered, or the generator itself.');

const stepSchema = z
  .strictObject({
    phase: z.enum(['ramp', 'bisect', 'confirm']).describe('Which part of the search measured the step.'),
    rate: rate().describe('Arrival rate asked of the generator, req/s.'),
    passed: z.boolean().describe('Whether the step met every criterion.'),
    breaches: z.array(breach).describe('Every criterion the step missed, most telling first.'),
    reasons: z.array(z.string()).describe('One sentence per breach, with the figures.'),
    offeredRate: rate().describe('Arrival rate the generator offered, req/s.'),
    deliveredRate: rate().describe('Requests/s the generator actually sent.'),
    throughput: rate().describe('Successful (2xx) answers per second.'),
    failureRate: z.number().min(0).max(1).nullable().describe('failed / (succeeded + failed); null when nothing was sent.'),
    latencyMs: z.strictObject({ p50: z.number().nonnegative().describe('Median, ms.'), p95: z.number().nonnegative().describe('95th percentile, ms.'), p99: z.number().nonnegative().describe('99th percentile, ms.'), mean: z.number().nonnegative().describe('Mean, ms.') }).describe('Latency of the successes, from the intended send time.'),
    droppedIterations: z.int().nonnegative().nullable().describe('Arrivals the generator could not start (k6); null when not reported.'),
    generatorSaturated: z.boolean().describe("True when the generator's own CPU limited the step."),
    dbMsPerRequest: z.number().nonnegative().nullable().describe('Mean database time per request the server reported for the step; null when unknown.'),
  })
  .describe('One measured open-model step (its warm-up discarded).');

const outcomeSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('found').describe('A sustainable maximum was found and confirmed.'), maxRate: rate().describe('Highest confirmed sustainable rate, req/s.'), interval: z.strictObject({ low: rate().describe('Highest confirmed passing rate.'), high: rate().describe('Lowest failing rate above it.') }).describe('The maximum lies in [low, high).'), brokeFirst: breach, reasons: z.array(z.string()).describe('Why the first failing step failed.') }),
    z.strictObject({ kind: z.literal('not-reached').describe('Every ramp step passed: the maximum is above the sweep.'), lowerBound: rate().describe('Highest rate measured, all passing.') }),
    z.strictObject({ kind: z.literal('generator-capped').describe('The load generator, not the server, stopped the sweep.'), lowerBound: rate().nullable().describe('Highest passing rate before the generator gave out; null when none.'), cappedAt: rate().describe('Rate at which the generator gave out.'), reasons: z.array(z.string()).describe("The generator's reasons.") }),
    z.strictObject({ kind: z.literal('none-passed').describe('The server missed its SLO at every rate tried, down to the lowest: no sustainable rate found.'), lowestRate: rate().describe('The lowest rate measured.'), brokeFirst: breach, reasons: z.array(z.string()).describe('Why it failed.') }),
  ])
  .describe('How the search ended; only `found` claims a maximum.');

const uslSchema = z
  .strictObject({
    lambda: z.number().describe('λ: throughput of one client without contention, req/s.'),
    sigma: z.number().describe('σ: contention (serialisation).'),
    kappa: z.number().describe('κ: coherency (crosstalk).'),
    peakConcurrency: z.number().nullable().describe('N* = √((1−σ)/κ); null when κ ≈ 0.'),
    maxThroughput: z.number().nullable().describe('X(N*), or λ/σ when κ ≈ 0.'),
    rSquared: z.number().describe('R² of the fit.'),
    warnings: z.array(z.string()).describe('Why the fit should not be trusted or extrapolated.'),
  })
  .describe('Universal Scalability Law X(N) = λN / (1 + σ(N−1) + κN(N−1)) fitted by Levenberg–Marquardt.');

const sweepPointSchema = z
  .strictObject({
    concurrency: z.int().min(1).describe('Closed-model connections N.'),
    throughput: rate().describe('Successful answers per second X.'),
    failureRate: z.number().min(0).max(1).nullable().describe('Share of failed requests.'),
    latencyMs: z.strictObject({ p50: z.number().nonnegative().describe('Median, ms.'), p95: z.number().nonnegative().describe('95th percentile, ms.'), p99: z.number().nonnegative().describe('99th percentile, ms.'), mean: z.number().nonnegative().describe('Mean, ms.') }).describe('Latency of the successes.'),
    little: z.strictObject({ predicted: z.number().describe('X × R.'), deviation: z.number().describe('|X·R − N| / N.'), holds: z.boolean().describe('Within 10%.') }).describe("Little's law N = X·R on this step."),
  })
  .describe('One closed-model concurrency step.');

const sizingSchema = z
  .strictObject({
    targetRps: rate().describe('Peak rate to serve, req/s.'),
    operatingRate: rate().describe('Rate one instance is run at: max × (1 − headroom).'),
    instances: z.int().min(1).describe('Instances needed for the target.'),
    formula: z.string().describe('The instance formula with its numbers.'),
    pool: z
      .strictObject({
        busyConnections: z.number().describe('X × D at the maximum rate.'),
        poolPerInstance: z.int().describe('Postgres pool per instance.'),
        fleetConnections: z.int().describe('Pools of the whole fleet.'),
        maxConnections: z.int().nullable().describe('Postgres max_connections; null when unknown.'),
        exceedsMaxConnections: z.boolean().nullable().describe('Whether the fleet exceeds max_connections − 3.'),
        formula: z.string().describe('The pool formula with its numbers.'),
      })
      .nullable()
      .describe('Postgres pool from Little’s law on db time; null when the server reported no db time.'),
  })
  .describe('Instances and pools for the target.');

export const capacityVariantSchema = z
  .strictObject({
    comparison: z.string().describe('Catalog id.'),
    variant: z.enum(['naive', 'optimized']).describe('Which side.'),
    slo: z.string().describe('The latency SLO the steps were judged by.'),
    steps: z.array(stepSchema).describe('Every open-model step, in the order measured.'),
    outcome: outcomeSchema.nullable().describe('Null when the search was interrupted.'),
    recommendedRate: rate().nullable().describe('Operating point: max × (1 − headroom); null without a found maximum.'),
    sweep: z.array(sweepPointSchema).describe('Closed-model concurrency sweep.'),
    usl: uslSchema.nullable().describe('USL fit of the sweep; null when it could not be fitted.'),
    uslProblem: z.string().nullable().describe('Why there is no fit; null when there is one.'),
    sizing: sizingSchema.nullable().describe('Null without a target or a found maximum.'),
  })
  .describe('Capacity of one variant of one comparison.');

export const capacitySchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows.'),
    schemaVersion: z.literal(CAPACITY_SCHEMA_VERSION).describe('Version of this shape.'),
    run: z
      .strictObject({
        id: z.string().describe('Run id (the folder name).'),
        startedAt: z.iso.datetime().describe('Start, ISO 8601.'),
        finishedAt: z.iso.datetime().describe('End, ISO 8601.'),
        complete: z.boolean().describe('False when interrupted or stopped early: only completed steps are kept.'),
        command: z.string().describe('The command line.'),
        driver: z.string().describe('Load generator and version.'),
        quick: z.boolean().describe('Whether --quick shortened the steps.'),
        headroom: z.number().min(0).lt(1).describe('Share of the maximum kept free.'),
        target: z.strictObject({ rps: rate().describe('Peak rate, req/s.'), formula: z.string().describe('Where it came from.') }).nullable().describe('The sizing target; null when none was given.'),
        maxConnections: z.int().nullable().describe('Postgres max_connections; null when unknown.'),
      })
      .describe('How the capacity run was made.'),
    variants: z.array(capacityVariantSchema).describe('One entry per comparison × variant.'),
    comparisons: z.array(z.strictObject({ comparison: z.string().describe('Catalog id.'), sentence: z.string().nullable().describe('What the fix buys in capacity terms; null without both maxima.') }).describe('Naive vs optimized.')).describe('Per comparison.'),
    assumptions: z.array(z.string()).describe('What every figure assumes.'),
    notices: z.array(z.string()).describe('What the reader must know (interruptions, generator limits).'),
  })
  .describe('reports/<run-id>/capacity.json: what `perflab capacity` measured and concluded.');

export type CapacityReport = z.infer<typeof capacitySchema>;
export type CapacityVariant = z.infer<typeof capacityVariantSchema>;
export type SweepPoint = z.infer<typeof sweepPointSchema>;

/** capacity.schema.json's text, exactly as committed. */
export function capacityJsonSchemaText(): string {
  const schema = z.toJSONSchema(capacitySchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ $id: `urn:perflab:capacity:v${CAPACITY_SCHEMA_VERSION}`, ...schema }, null, 2)}\n`;
}
