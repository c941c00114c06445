import { z } from 'zod';
import { count, driverNameSchema, latencyMsSchema, variantSchema } from './run-info-schema.ts';
import { loadModelSchema } from './scenario-run-schema.ts';

/** A ratio over paired repeats with its interval. */
export const ratioEstimateSchema = z
  .strictObject({
    median: z
      .number()
      .nullable()
      .describe('Median over paired repeats of optimized/naive (throughput) or naive/optimized (latency), unitless: > 1 means optimized is better. Null when no repeat produced a usable pair.'),
    ci95: z
      .tuple([z.number().describe('Lower bound.'), z.number().describe('Upper bound.')])
      .nullable()
      .describe('95% confidence interval of the ratio; null with too few pairs for an interval.'),
    samples: count().describe('Paired repeats the estimate is based on (runs, not requests).'),
  })
  .describe('A ratio over paired, interleaved repeats, with its 95% interval.')
  .meta({ id: 'ratioEstimate' });

/** Per (comparison, driver): the ratios and the verdict. */
export const comparisonSummarySchema = z
  .strictObject({
    comparison: z.string().min(1).describe('Catalog id of the comparison.'),
    driver: driverNameSchema,
    throughputRatio: ratioEstimateSchema.describe('optimized/naive requests/s.'),
    p95Ratio: ratioEstimateSchema.describe('naive/optimized p95 latency.'),
    queriesPerRequest: z
      .strictObject({
        naive: z.number().nonnegative().nullable().describe('Median SQL statements per request of the naive side; null when not read.'),
        optimized: z.number().nonnegative().nullable().describe('Median SQL statements per request of the optimized side; null when not read.'),
      })
      .describe('SQL statements per request of each side (deterministic: compares across hosts).'),
    verdict: z
      .enum(['faster', 'slower', 'inconclusive'])
      .describe("'faster' when the interval of the headline ratio (throughput under a closed model, p95 under an open one) lies wholly above 1, 'slower' wholly below, else 'inconclusive'."),
  })
  .describe('One comparison with one driver: optimized against naive over paired repeats.')
  .meta({ id: 'comparisonSummary' });

/** One point of a latency percentile spectrum. */
export const percentilePointSchema = z
  .strictObject({
    percentile: z.number().min(0).lt(100).describe('Percentile, 0 ≤ p < 100.'),
    ms: z.number().nonnegative().describe('Latency at that percentile, ms.'),
  })
  .describe('Latency at one percentile.')
  .meta({ id: 'percentilePoint' });

/** All repeats of one (comparison, driver, variant), folded once when the run is assembled. */
export const variantAggregateSchema = z
  .strictObject({
    comparison: z.string().min(1).describe('Catalog id of the comparison.'),
    driver: driverNameSchema,
    variant: variantSchema,
    loadModel: loadModelSchema,
    repeats: z.int().min(1).describe('Scenario runs folded into this aggregate.'),
    throughput: z.number().nonnegative().describe('Median over repeats of requests/s.'),
    latencyMs: latencyMsSchema,
    latencySource: z
      .enum(['merged', 'median'])
      .describe("'merged': percentiles of all repeats' HDR histograms added together (exact); 'median': per-percentile median over repeats (some run had no histogram), max is the largest."),
    percentiles: z
      .array(percentilePointSchema)
      .nullable()
      .describe(
        "Percentile spectrum of the merged histogram for an HDR percentile plot: 4 points per decade of 1/(1-p) from p0 up to what the request count N resolves, then the max at p = 100·(1 − 1/N), where the slowest request sits; null when latencySource is 'median'.",
      ),
    queriesPerRequest: z.number().nonnegative().nullable().describe('Median over repeats of SQL statements per request; null when never read.'),
    bytesPerResponse: z.number().nonnegative().nullable().describe('Median over repeats of mean response size, bytes; null when never read.'),
    cacheHitRatio: z.number().min(0).max(1).nullable().describe('Median over repeats of the cache hit ratio, 0..1; null when no run used a cache.'),
    ceilingShare: z
      .number()
      .nonnegative()
      .nullable()
      .describe('Median throughput as a share of the best no-op (calibration) throughput of the same driver, 0..1 (1 = the HTTP stack is the limit); null when that driver was not calibrated.'),
    requests: count().describe('Requests completed, summed over repeats.'),
    errors: count().describe('Transport-level errors, summed over repeats.'),
    non2xx: count().describe('Non-2xx responses, summed over repeats.'),
    emptyRuns: count().describe('Runs that completed no request at all (their latency is empty, not fast).'),
    saturatedRuns: count().describe('Runs whose load generator was CPU-saturated.'),
    rateMissedRuns: count().describe('Open-model runs that did not deliver the offered rate.'),
    serverSaturatedRuns: count().describe('Open-model runs that missed the offered rate while the generator was not saturated: the server was at capacity, so latency grew with the run length.'),
    decayedRuns: count().describe('Runs whose throughput decayed.'),
    failedThresholds: count().describe('Failed SLO thresholds, summed over repeats.'),
  })
  .describe('All repeats of one variant of one comparison with one driver, folded together once when the run was assembled: what reports show.')
  .meta({ id: 'variantAggregate' });
