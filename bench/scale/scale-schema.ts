import { z } from 'zod';

/** Version of scale.json; bump on any change a reader of the previous version would misread. */
export const SCALE_SCHEMA_VERSION = 1;

const ms = () => z.number().nonnegative();
const variant = z.enum(['naive', 'optimized']).describe('Which side of the comparison.');

const growthFitSchema = z
  .strictObject({
    exponent: z.number().nullable().describe('Slope of log(ms) on log(rows): ms ∝ rows^exponent (0 flat, 1 linear, 2 quadratic); null when a latency was 0.'),
    rSquared: z.number().nullable().describe('R² of the log–log fit; null with two sizes (a line through two points always fits).'),
    msPer100kRows: z.number().describe('Slope of the linear fit of ms on rows, times 100 000: what 100k more rows add.'),
    growth: z.enum(['flat', 'sub-linear', 'linear', 'super-linear']).nullable().describe('Class of the exponent: < 0.2 flat, < 0.7 sub-linear, < 1.3 linear, else super-linear; null without an exponent.'),
  })
  .describe('One latency percentile fitted against rows.');

const pointSchema = z
  .strictObject({
    rows: z.int().positive().describe('Products (and orders) in the data set.'),
    p50Ms: ms().describe('Median latency over every repeat (merged histograms), ms.'),
    p95Ms: ms().describe('95th percentile latency over every repeat, ms.'),
    throughput: z.number().nonnegative().describe('Median over repeats of requests/s.'),
    requests: z.int().nonnegative().describe('Requests completed, summed over repeats.'),
    failed: z.int().nonnegative().describe('Transport errors plus non-2xx answers, summed over repeats.'),
    queriesPerRequest: z.number().nonnegative().nullable().describe('SQL statements per request (median over repeats); null when not read.'),
    bytesPerResponse: z.number().nonnegative().nullable().describe('Mean response size, bytes (median over repeats); null when not read.'),
  })
  .describe('One variant measured at one size.');

const variantGrowthSchema = z
  .strictObject({
    comparison: z.string().min(1).describe('Catalog id.'),
    variant,
    driver: z.string().min(1).describe('Load generator.'),
    points: z.array(pointSchema).describe('One per size measured, ascending rows.'),
    p50: growthFitSchema.nullable().describe('Fit of the median over the sizes where some request succeeded; null with fewer than two.'),
    p95: growthFitSchema.nullable().describe('Fit of the 95th percentile over the sizes where some request succeeded; null with fewer than two.'),
    sentence: z.string().describe("The variant's growth in one line."),
  })
  .describe('How one variant of one comparison grows with the data set.');

const sizeRunSchema = z
  .strictObject({
    rows: z.int().positive().describe('Products (and orders) asked of the seeder.'),
    label: z.string().describe('The size as written: 10k, 1M.'),
    runDir: z.string().describe("The size's own perflab run folder (results.json, report.html), relative to this file."),
    dataset: z.record(z.string(), z.int().nonnegative()).describe('Rows per table of the data set measured.'),
  })
  .describe('One size: its data set and its run.');

export const scaleSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows.'),
    schemaVersion: z.literal(SCALE_SCHEMA_VERSION).describe('Version of this shape.'),
    run: z
      .strictObject({
        id: z.string().describe('Run id (the folder name).'),
        startedAt: z.iso.datetime().describe('Start, ISO 8601.'),
        finishedAt: z.iso.datetime().describe('End, ISO 8601.'),
        complete: z.boolean().describe('False when interrupted or stopped early: only sizes measured to the end are kept.'),
        command: z.string().describe('The command line.'),
        sizes: z.array(z.int().positive()).describe('Sizes asked for, ascending.'),
        comparisons: z.array(z.string()).describe('Comparison ids measured at every size.'),
        quick: z.boolean().describe('Whether --quick shortened the runs.'),
        durationSec: z.number().positive().describe('Measured seconds per run.'),
        repeat: z.int().positive().describe('Interleaved naive/optimized repeats per size.'),
      })
      .describe('How the scale run was made.'),
    sizes: z.array(sizeRunSchema).describe('Sizes measured to the end, ascending.'),
    variants: z.array(variantGrowthSchema).describe('One entry per comparison × variant × driver.'),
    comparisons: z.array(z.strictObject({ comparison: z.string().describe('Catalog id.'), sentence: z.string().describe('Naive against optimized growth, in one line.') })).describe('Per comparison.'),
    notices: z.array(z.string()).describe('What the reader must know (interruptions, load on the host, what the exponent means).'),
  })
  .describe('reports/<run-id>/scale.json: how each variant\'s latency grows with the data set (`perflab scale`).');

export type ScaleReport = z.infer<typeof scaleSchema>;
export type VariantGrowth = z.infer<typeof variantGrowthSchema>;
export type ScalePoint = z.infer<typeof pointSchema>;
export type SizeRun = z.infer<typeof sizeRunSchema>;

/** scale.schema.json's text, exactly as committed. */
export function scaleJsonSchemaText(): string {
  const schema = z.toJSONSchema(scaleSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ $id: `urn:perflab:scale:v${SCALE_SCHEMA_VERSION}`, ...schema }, null, 2)}\n`;
}
