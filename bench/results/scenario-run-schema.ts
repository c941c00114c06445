import { z } from 'zod';
import { count, driverNameSchema, latencyMsSchema, variantSchema } from './run-info-schema.ts';

/** How load was offered: a fixed number of connections (closed) or a fixed arrival rate (open). */
export const loadModelSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('closed').describe('Closed model: each connection sends its next request when the previous one answers.'),
        connections: z.int().min(1).describe('Connections held open.'),
      })
      .describe('Closed model: throughput is the figure the server sets.'),
    z
      .strictObject({
        type: z.literal('open').describe('Open model: requests arrive at a fixed rate whatever the server does.'),
        rate: z.number().positive().describe('Offered arrival rate, requests/s.'),
        maxConnections: z.int().min(1).describe('Cap on concurrent connections the generator may open.'),
      })
      .describe('Open model: latency is the figure the server sets.'),
  ])
  .describe('How load was offered.')
  .meta({ id: 'loadModel' });

/** One SLO threshold of the catalog, evaluated on one run. */
export const thresholdResultSchema = z
  .strictObject({
    metric: z.string().min(1).describe('k6 metric name, e.g. http_req_duration.'),
    condition: z.string().min(1).describe('Condition as written in the catalog, e.g. p(95)<200 (ms for durations).'),
    passed: z.boolean().describe('Whether the run met the condition.'),
    actual: z.number().nullable().describe("The metric's value in the condition's unit; null when the metric produced no value."),
  })
  .describe('One SLO threshold evaluated on one run.')
  .meta({ id: 'thresholdResult' });

const generatorSchema = z
  .strictObject({
    cpuCores: z.number().nonnegative().describe('CPU the load generator used, cores (1.0 = one core busy).'),
    offeredRate: z.number().nonnegative().nullable().describe('Open model: arrival rate offered, requests/s; null for the closed model.'),
    deliveredRate: z.number().nonnegative().describe('Requests/s the generator actually sent.'),
    droppedIterations: count().nullable().describe('Open model (k6): iterations k6 could not start in time; null when not reported.'),
    saturated: z.boolean().describe("True when the generator's own CPU limited the run (its timings are then suspect)."),
    rateHeld: z
      .boolean()
      .nullable()
      .describe('Open model: whether ≥ 95% of the offered rate was delivered; null for the closed model. False with an unsaturated generator: the server could not keep up within the connection cap.'),
    vusExhausted: z
      .boolean()
      .nullable()
      .describe('k6 only: true when k6 ran out of VUs (dropped iterations or its "Insufficient VUs" warning): its latencies then omit the queue; null for drivers without VUs.'),
    reason: z.string().nullable().describe('Why the generator counts as saturated, in words; null when it does not.'),
  })
  .describe('What the load generator did and cost.');

const statusClassesSchema = z
  .strictObject({
    '2xx': count().describe('2xx answers.'),
    '3xx': count().describe('3xx answers.'),
    '4xx': count().describe('4xx answers.'),
    '5xx': count().describe('5xx answers, and any status outside 200–499.'),
    transport: count().describe('Requests with no HTTP status: refused, reset, timed out.'),
  })
  .describe('Outcomes of the window per status class.');

const serverSchema = z
  .strictObject({
    queriesPerRequest: z.number().nonnegative().nullable().describe('SQL statements per request, from the server counters (deterministic: compares across hosts); null when not read.'),
    bytesPerResponse: z.number().nonnegative().nullable().describe('Mean response body size, bytes; null when not read.'),
    cacheHitRatio: z.number().min(0).max(1).nullable().describe('Cache hits / (hits + misses), 0..1; null when the variant used no cache.'),
    cacheErrors: count().nullable().describe('Cache operations that failed; null when not read.'),
  })
  .describe("The server's own per-request figures for the measured window (GET /__stats).");

const importsSchema = z
  .strictObject({
    rowsImported: count().describe('Rows durably imported by the window (naive: committed before its 201; optimized: committed by the job worker).'),
    rowsPerSec: z.number().nonnegative().describe("Rows durably imported per second, from the window's first write to its last row committed (the queue drained): what `throughput` holds for bulk-import."),
    importSec: z.number().nonnegative().describe('Seconds from the first write to the last row committed.'),
    drainSec: z.number().nonnegative().describe('Seconds the harness waited after the window for import jobs to finish (bounded; the run fails past the bound).'),
    requestsPerSec: z.number().nonnegative().describe('Requests answered per second over the window (a 202 is not an import).'),
    jobs: count().describe('Import jobs the window queued (0 for naive).'),
    deferredQueriesPerRequest: z.number().nonnegative().nullable().describe("Statements the job worker ran after the responses, per request (not in queriesPerRequest); null without requests."),
    deferredQueriesSource: z.enum(['/__stats', 'jobs table']).describe("Where deferredQueriesPerRequest comes from: the server's own count, or 1 + 4 per batch of each job, from the jobs table."),
  })
  .describe('bulk-import only: what was durably imported, not what was answered.');

/** One measured run of one variant of one comparison with one driver. */
export const scenarioRunSchema = z
  .strictObject({
    comparison: z.string().min(1).describe('Catalog id of the comparison, e.g. orders-with-items.'),
    variant: variantSchema,
    driver: driverNameSchema,
    repeat: z.int().min(1).describe('1-based repeat index; repeats interleave naive/optimized (A B A B …).'),
    loadModel: loadModelSchema,
    durationSec: z.number().nonnegative().describe('Measured window, seconds.'),
    warmupSec: z.number().nonnegative().describe('Unmeasured warm-up before the window, seconds.'),
    requests: count().describe('HTTP answers of any status in the window.'),
    errors: count().describe('Requests that failed at the transport level (timeouts, resets).'),
    non2xx: count().describe('Responses with a status outside 2xx.'),
    succeeded: count().describe('2xx answers in the window: the only ones throughput and latency count.'),
    failed: count().describe('Non-2xx answers plus transport failures in the window.'),
    statusClasses: statusClassesSchema,
    failureRate: z.number().min(0).max(1).nullable().describe('failed / (succeeded + failed), 0..1; null when nothing was sent.'),
    throughput: z.number().nonnegative().describe('2xx answers per second over the window (a failed request never counts as throughput); for bulk-import, rows durably imported per second (imports.rowsPerSec).'),
    perSecond: z.array(z.number().nonnegative()).describe('2xx answers in each whole second of the window.'),
    p95PerSecond: z
      .array(z.number().nonnegative().nullable())
      .optional()
      .describe("p95 latency of the 2xx answers of each whole second of the window, ms (from that second's HDR histogram, 2 significant digits); null for a second with none. Absent in results written before it was recorded."),
    decay: z
      .strictObject({
        slopePerSec: z.number().describe('Least-squares slope of perSecond, requests/s per second.'),
        relativePerSec: z.number().describe('Slope divided by mean throughput, per second (-0.01 = losing 1% of the mean each second).'),
        flagged: z.boolean().describe('True when throughput fell steadily (significant fit, > 10% over the window).'),
      })
      .describe('Whether throughput decayed during the run.'),
    latencyMs: latencyMsSchema,
    histogram: z.string().nullable().describe('Compressed base64 HDR histogram of the 2xx answers\' latencies in microseconds, so runs can be merged, never averaged; null when there were none.'),
    failureHistogram: z.string().nullable().describe('Compressed base64 HDR histogram of the failures\' latencies in microseconds; null when there were none.'),
    generator: generatorSchema,
    server: serverSchema,
    datasetChecksum: z
      .string()
      .nullable()
      .describe("Checksum of the tables the API writes at the window's start, after the harness restored them; equals dataset.stateChecksum. Null when the harness did not own the target (--target)."),
    imports: importsSchema.nullable().describe('bulk-import only (null elsewhere): rows durably imported, their rate, the queue drain and the deferred statements.'),
    thresholds: z.array(thresholdResultSchema).describe("The comparison's SLO thresholds evaluated on this run."),
  })
  .describe('One measured run of one variant of one comparison with one driver.')
  .meta({ id: 'scenarioRun' });
