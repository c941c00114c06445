import { z } from 'zod';
import type { App, Deps } from '../types.ts';
import { importWindow } from '../state/import-window.ts';
import { pendingImportJobs, ensureBaseline } from '../state/restore-writes.ts';
import { restoreAndVerify, type VerifiedState } from '../state/verified-state.ts';
import { authenticate } from './auth.ts';
import { HttpError } from './errors.ts';
import { sendJson } from './send-json.ts';

/** Harness routes the request deadline does not cut: maintenance that walks whole tables. */
export const UNBOUNDED_PATHS: ReadonlySet<string> = new Set(['/__reset']);

const resetBody = z.strictObject({ flushCache: z.boolean().default(false) }, 'body must be a JSON object { flushCache?: boolean }');

/**
 * The harness's routes (admin token, like `/__stats`):
 * - `POST /__reset` `{ flushCache? }`: undo the write comparisons' rows (see restoreWrites), empty
 *   the cache when asked (only the harness knows whether the Redis is its own), and answer the
 *   checksum of the state the next run starts from (`unchanged`: carried over, no transaction
 *   wrote since it was taken; see restoreAndVerify). 409 while import jobs are still pending.
 * - `GET /__imports`: pending import jobs, other requests still running, and the rows imported
 *   since the last reset, with times.
 */
export function mountHarnessRoutes(app: App, deps: Deps): void {
  const requireAdmin = (header: string | undefined) => authenticate(header, deps.config.jwtSecret, 'admin');
  let baseline: Promise<void> | null = null;
  let verified: VerifiedState | null = null;
  // requests still running when a load generator stops (a naive import mid-loop, a PATCH) would
  // write after the restore: a reset waits for them. Mounted before the comparisons, so it wraps them.
  let inFlight = 0;
  app.use(async (_c, next) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  });

  app.post('/__reset', async (c) => {
    await requireAdmin(c.req.header('authorization'));
    const text = await c.req.text();
    const parsed = resetBody.safeParse(text === '' ? {} : parseJson(text));
    if (!parsed.success) throw new HttpError(400, 'invalid_input', parsed.error.issues[0]?.message ?? 'invalid body');
    await settle(() => inFlight <= 1, SETTLE_MS);
    const pending = await pendingImportJobs(deps.sql);
    if (pending > 0) throw new HttpError(409, 'jobs_pending', `${pending} import job(s) still queued or running: wait for them before a reset`);
    // the first reset of this server takes the baseline later resets restore to
    baseline ??= ensureBaseline(deps.sql).catch((error: unknown) => {
      baseline = null;
      throw error;
    });
    await baseline;
    // write-behind's counts not yet flushed would land in the restored rows after this reset
    await deps.usageFlusher?.discard();
    const outcome = await restoreAndVerify(deps.sql, verified);
    verified = outcome.verified;
    const cacheKeysDeleted = parsed.data.flushCache ? await flushCache(deps) : null;
    return sendJson(c, { restored: outcome.restored, cacheKeysDeleted, checksum: outcome.checksum, unchanged: outcome.unchanged });
  });

  app.get('/__imports', async (c) => {
    await requireAdmin(c.req.header('authorization'));
    // the count includes this request
    return sendJson(c, { ...(await importWindow(deps.sql)), requestsInFlight: inFlight - 1 });
  });
}

const SETTLE_MS = 10_000;

/** Waits (bounded) until `done()`; 409 when other requests still run past the bound. */
async function settle(done: () => boolean, boundMs: number): Promise<void> {
  const until = performance.now() + boundMs;
  while (!done()) {
    if (performance.now() > until) throw new HttpError(409, 'requests_in_flight', `requests were still running after ${boundMs / 1000} s: a reset would race their writes`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every key of the API's cache: the harness asks only for a cache it started (its own Redis or in-process). */
async function flushCache(deps: Deps): Promise<number> {
  const keys = await deps.cache.keys('*');
  let deleted = 0;
  for (let i = 0; i < keys.length; i += 500) deleted += await deps.cache.del(...keys.slice(i, i + 500));
  return deleted;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_input', 'body must be JSON');
  }
}
