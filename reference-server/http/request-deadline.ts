import type { MiddlewareHandler } from 'hono';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HttpError } from './errors.ts';
import { currentMetrics } from './request-metrics.ts';

/** What the deadline puts on the context: the request's signal, aborted when its time is up. */
export type DeadlineVariables = { signal: AbortSignal };

/**
 * The request timeout, made to stop the work it stands for. After `timeoutMs`, or when the
 * client disconnects, the request's AbortSignal fires: it cancels the request's running queries
 * (counted-sql), takes it out of the admission queue, and reaches the variant as `ctx.signal`.
 * A handler that honours it stops and answers what it really did (e.g. the rows it wrote before
 * stopping) within `graceMs`; otherwise the generic 503 goes out. Without this a timed-out
 * handler keeps its queries running and the backlog outlives the load by a minute.
 */
export function requestDeadline(timeoutMs: number, graceMs = 250): MiddlewareHandler<{ Variables: DeadlineVariables }> {
  return async (c, next) => {
    const controller = new AbortController();
    c.set('signal', controller.signal);
    const metrics = currentMetrics();
    if (metrics) {
      metrics.signal = controller.signal;
      metrics.deadline = performance.now() + timeoutMs;
    }
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    const onClose = () => {
      if (!outgoing?.writableFinished) controller.abort(new HttpError(503, 'client_closed', 'client closed the request'));
    };
    outgoing?.once('close', onClose);
    // with app.onError set, a throwing handler resolves next() with c.res holding its error response
    const handled = next().then(() => 'handled' as const);
    let timer: NodeJS.Timeout | undefined;
    const after = (ms: number) => new Promise<'late'>((resolve) => (timer = setTimeout(resolve, ms, 'late')));
    try {
      if ((await Promise.race([handled, after(timeoutMs)])) === 'handled') return;
      clearTimeout(timer);
      controller.abort(new HttpError(503, 'timeout', 'request timed out'));
      // a handler that stopped on the signal answers what it did (a success, or its own `timeout`
      // saying how far it got); one that failed because its queries were cancelled under it timed out
      if ((await Promise.race([handled, after(graceMs)])) === 'handled' && (c.res.status < 500 || isOwnTimeout(c.error))) return;
      throw new HttpError(503, 'timeout', 'request timed out');
    } finally {
      clearTimeout(timer);
      outgoing?.off('close', onClose);
    }
  };
}

function isOwnTimeout(error: unknown): boolean {
  return error instanceof HttpError && error.code === 'timeout';
}
