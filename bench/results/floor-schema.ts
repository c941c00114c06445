import { z } from 'zod';
import { count } from './run-info-schema.ts';

/** One comparison's floor: its optimized data access called straight, and the endpoint's share of it. */
export const floorSchema = z
  .strictObject({
    comparison: z.string().min(1).describe('Catalog id of the comparison.'),
    connections: z.int().min(1).describe('Calls in flight at once: the closed-model connections its runs used.'),
    durationSec: z.number().positive().describe('Measured window, seconds (after a discarded warm-up).'),
    opsPerSec: z.number().nonnegative().describe("Calls of the optimized variant per second straight on the API's deps (postgres.js pool, cache) in a child process: no HTTP, no auth, no JSON serialisation."),
    failed: count().describe('Calls that threw during the window (not counted in opsPerSec).'),
    endpointThroughput: z.number().nonnegative().nullable().describe('Median req/s of the optimized endpoint at the same connections (closed model); null when no such run.'),
    share: z.number().nonnegative().nullable().describe('endpointThroughput / opsPerSec: how much of its floor the HTTP endpoint reaches (1 = HTTP, auth and JSON cost nothing); null without an endpoint figure.'),
  })
  .describe("The floor an optimized path could reach: its own work without the HTTP layer, at the same concurrency (perflab run --floor).")
  .meta({ id: 'floor' });
