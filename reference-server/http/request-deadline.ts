import type { MiddlewareHandler } from 'hono';
import type { ServerResponse } from 'node:http';
import { HttpError } from './errors.ts';
import { currentMetrics } from './request-metrics.ts';

/**
 * The request timeout, made to stop the work it stands for: after `ms` (or when the client
 * disconnects) the request's AbortSignal fires, which cancels its running queries (counted-sql),
 * takes it out of the admission queue, and reaches any variant that reads it. Without this a
 * timed-out handler keeps its queries running and the backlog outlives the load by a minute.
 */
export function requestDeadline(ms: number): MiddlewareHandler {
  return async (c, next) => {
    const controller = new AbortController();
    const metrics = currentMetrics();
    if (metrics) metrics.signal = controller.signal;
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    const onClose = () => {
      if (!outgoing?.writableFinished) controller.abort(new HttpError(503, 'client_closed', 'client closed the request'));
    };
    outgoing?.once('close', onClose);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new HttpError(503, 'timeout', 'request timed out');
        controller.abort(error);
        reject(error);
      }, ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
      outgoing?.off('close', onClose);
    }
  };
}
