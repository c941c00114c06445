import { z } from 'zod';
import { count, driverNameSchema, latencyMsSchema, variantSchema } from './run-info-schema.ts';
import { loadModelSchema } from './scenario-run-schema.ts';

/** How a ratio's interval is computed (see bench/stats/paired-ratio-interval.ts). */
export const INTERVAL_METHOD = 't-mean-log-ratio';

/**
 * - faster / slower: the 95% interval excludes 1 and the estimate is at least the minimum effect.
 * - no-difference-shown: enough pairs, but the interval includes 1 or the effect is below the minimum.
 * - failed: the optimized side's failure rate broke its SLO (it is never called faster then).
 * - no-verdict: too few pairs, a run with no completed request, or verdicts off (`--quick`).
 */
export const VERDICTS = ['faster', 'slower', 'no-difference-shown', 'failed', 'no-verdict'] as const;

/** A ratio over paired repeats with its interval. */
export const ratioEstimateSchema = z
  .strictObject({
    estimate: z
      .number()
      .nullable()
      .describe('Geometric mean over paired, interleaved repeats of optimized/naive (throughput) or naive/optimized (latency), unitless: > 1 means optimized is better. Null when no pair is usable.'),
    ci95: z
      .tuple([z.number().describe('Lower bound.'), z.number().describe('Upper bound.')])
      .nullable()
      .describe('95% interval of the geometric-mean ratio: Student t on the mean per-pair log ratio, back-transformed; null below 3 usable pairs.'),
    samples: count().describe('Usable pairs (one naive and one optimized run) the estimate is based on: runs, not requests.'),
    emptyPairs: count().describe('Pairs left out because a run in them completed no request (a ratio with 0 has no logarithm).'),
    method: z.literal(INTERVAL_METHOD).describe('How the interval is computed.'),
  })
  .describe('A ratio over paired, interleaved repeats, with its 95% interval.')
  .meta({ id: 'ratioEstimate' });

/** Requests of one variant summed over its runs. */
export const variantOutcomesSchema = z
  .strictObject({
    successes: count().describe('2xx answers, summed over runs.'),
    failures: count().describe('Non-2xx answers plus transport errors and timeouts, summed over runs.'),
  })
  .describe('Requests of one variant summed over its runs: successes and failures.')
  .meta({ id: 'variantOutcomes' });

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
    outcomes: z.strictObject({ naive: variantOutcomesSchema, optimized: variantOutcomesSchema }).describe('Successes and failures of each side.'),
    verdict: z
      .enum(VERDICTS)
      .describe("'faster'/'slower': the headline ratio's 95% interval excludes 1 and the estimate passes the minimum effect; 'no-difference-shown': it does not; 'failed': the optimized side broke its failure-rate SLO; 'no-verdict': too few pairs or --quick."),
    verdictReason: z.string().min(1).describe('One sentence saying why the verdict is what it is.'),
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
