import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { performance } from 'node:perf_hooks';
import { currentMetrics } from './request-metrics.ts';
import { serverTiming } from './timing.ts';

/** A body sent as it is produced (an export), instead of one serialised value. */
export interface StreamBody {
  contentType: string;
  chunks: AsyncIterable<string>;
}

/**
 * Sends `stream` chunk by chunk with X-Query-Count and Server-Timing set like sendJson's: they
 * go out with the first byte, so they count the statements completed by then (a cursor's
 * statement completes with its last row, after the headers). Bytes are added to the request's
 * responseBytes as they are written. A client that goes away cancels the stream, which closes
 * the iterator (and so the database cursor).
 */
export function sendStream(c: Context, stream: StreamBody, status: ContentfulStatusCode = 200, headers: Record<string, string> = {}): Response {
  const metrics = currentMetrics();
  const timing: Record<string, string> = {};
  if (metrics) {
    metrics.headersWritten = true;
    timing['X-Query-Count'] = String(metrics.queries);
    timing['Server-Timing'] = serverTiming(metrics, performance.now() - metrics.startedAt);
  }
  const encoder = new TextEncoder();
  const iterator = stream.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) return controller.close();
      const bytes = encoder.encode(next.value);
      if (metrics) metrics.responseBytes += bytes.byteLength;
      controller.enqueue(bytes);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return c.body(body, status, { ...headers, ...timing, 'content-type': stream.contentType });
}
