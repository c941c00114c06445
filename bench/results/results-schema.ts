import { z } from 'zod';
import { calibrationRunSchema, datasetInfoSchema, hostInfoSchema, latencyMsSchema, runInfoSchema, variantSchema } from './run-info-schema.ts';
import { floorSchema } from './floor-schema.ts';
import { loadModelSchema, scenarioRunSchema, thresholdResultSchema } from './scenario-run-schema.ts';
import { microSectionSchema } from './micro-schema.ts';
import { comparisonSummarySchema, percentilePointSchema, ratioEstimateSchema, variantAggregateSchema, variantOutcomesSchema, VERDICTS } from './summary-schema.ts';

/**
 * Version of the results.json shape. Bump it on any change a reader of the previous version
 * would misread; `npm run schema` then regenerates results.schema.json with the new `$id`.
 * v2: per-variant aggregates (`variants`) are stored, so readers format and never recompute.
 * v3: host.drivers (every generator found) replaces host.k6; options.defaultDriver; per-variant
 *     percentile spectrum and server-saturated run count.
 * v4: run.dirty; host.libraries, host.serverSettings, host.postgresSettings; options.dbLatencyMs and
 *     options.cacheLatencyMs; optional floors (--floor).
 */
export const RESULTS_SCHEMA_VERSION = 4;

/**
 * THE definition of `reports/<run-id>/results.json`, the one format every renderer, gate
 * and comparison reads. The TypeScript types below and the committed JSON Schema
 * (results.schema.json, `npm run schema`) both come from it.
 */
export const resultsSchema = z
  .strictObject({
    schemaVersion: z.literal(RESULTS_SCHEMA_VERSION).describe('Version of this format; a reader refuses any other.'),
    run: runInfoSchema,
    dataset: datasetInfoSchema,
    calibration: z.array(calibrationRunSchema).describe('Requests per second the no-op route reached with each generator: the HTTP ceiling of this host.'),
    scenarios: z.array(scenarioRunSchema).describe('Every measured run, in the order it ran.'),
    variants: z.array(variantAggregateSchema).describe('Per (comparison, driver, variant): the repeats folded together, in run order. What reports show.'),
    comparisons: z.array(comparisonSummarySchema).describe('Per (comparison, driver): optimized/naive ratios with intervals and a verdict.'),
    floors: z.array(floorSchema).optional().describe('Per read comparison, the optimized path called straight on its deps and the endpoint\'s share of that floor; present with --floor only.'),
    notices: z.array(z.string()).describe('Environment problems and skipped parts, one sentence each (e.g. "k6 not found: k6 driver skipped").'),
    micro: microSectionSchema.optional().describe('Micro-benchmarks (perflab micro); absent from load runs. A micro-only run has no scenarios, and its data set is the generated inputs.'),
  })
  .meta({
    $id: `urn:perflab:results:v${RESULTS_SCHEMA_VERSION}`,
    title: `perflab results.json, schema version ${RESULTS_SCHEMA_VERSION}`,
    description:
      'One benchmark run: environment, data set, calibration, every scenario run, per-variant aggregates and per-comparison ratios. Generated from bench/results/results-schema.ts (npm run schema): do not edit by hand.',
  });

export type Results = z.infer<typeof resultsSchema>;
export type RunInfo = z.infer<typeof runInfoSchema>;
export type HostInfo = z.infer<typeof hostInfoSchema>;
export type Floor = z.infer<typeof floorSchema>;
export type DatasetInfo = z.infer<typeof datasetInfoSchema>;
export type CalibrationRun = z.infer<typeof calibrationRunSchema>;
export type ScenarioRun = z.infer<typeof scenarioRunSchema>;
export type LoadModel = z.infer<typeof loadModelSchema>;
export type LatencyMs = z.infer<typeof latencyMsSchema>;
export type ThresholdResult = z.infer<typeof thresholdResultSchema>;
export type RatioEstimate = z.infer<typeof ratioEstimateSchema>;
export type ComparisonSummary = z.infer<typeof comparisonSummarySchema>;
export type VariantAggregate = z.infer<typeof variantAggregateSchema>;
export type VariantOutcomes = z.infer<typeof variantOutcomesSchema>;
export type Verdict = (typeof VERDICTS)[number];
export type PercentilePoint = z.infer<typeof percentilePointSchema>;
export type Variant = z.infer<typeof variantSchema>;
export type { MicroPairResult, MicroSection, MicroTaskResult } from './micro-schema.ts';
export type { DriverName } from '../drivers/driver-names.ts';

