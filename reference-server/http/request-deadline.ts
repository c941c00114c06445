import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';

/** What the deadline puts on the context: the request's signal, aborted when its time is up. */
export type DeadlineVariables = { signal: AbortSignal };

/**
 * Answers 503 `timeout` once a request has run `timeoutMs`, and, unlike `hono/timeout`, also
 * tells the work to stop: `c.get('signal')` (handed to variants as `ctx.signal`) aborts at the
 * deadline. A handler that honours it stops at once and answers what it really did (e.g. how
 * many rows it wrote before stopping); it gets `graceMs` to do so (one row transaction takes
 * milliseconds), after which the generic 503 goes out. A handler that ignores the signal and finishes within the grace answers normally:
 * never a failure claimed for work that was done.
 */
export function requestDeadline(timeoutMs: number, graceMs = 250): MiddlewareHandler<{ Variables: DeadlineVariables }> {
  return async (c, next) => {
    const controller = new AbortController();
    c.set('signal', controller.signal);
    // with app.onError set, a throwing handler resolves next() with c.res holding its error response
    const handled = next().then(() => 'handled' as const);
    let timer: NodeJS.Timeout | undefined;
    const after = (ms: number) => new Promise<'late'>((resolve) => (timer = setTimeout(resolve, ms, 'late')));
    try {
      if ((await Promise.race([handled, after(timeoutMs)])) === 'handled') return;
      clearTimeout(timer);
      controller.abort(new HttpError(503, 'timeout', 'request timed out'));
      if ((await Promise.race([handled, after(graceMs)])) === 'handled') return;
      throw new HttpError(503, 'timeout', 'request timed out');
    } finally {
      clearTimeout(timer);
    }
  };
}
