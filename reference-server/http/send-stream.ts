import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { currentMetrics } from './request-metrics.ts';

/** A body sent as it is produced (an export), instead of one serialised value. */
export interface StreamBody {
  contentType: string;
  chunks: AsyncIterable<string>;
}

/**
 * Sends `stream` chunk by chunk. Unlike sendJson's, the reply carries no X-Query-Count or
 * Server-Timing header: headers go out with the first byte, before the statements that produce
 * the rest have finished (a cursor's statement completes with its last row), so any figure there
 * would undercount. The request's statements and bytes are recorded when the body ends
 * (`metrics.bodyEnd`) and reach /__stats then. A client that goes away cancels the stream, which
 * closes the iterator (and so the database cursor).
 */
export function sendStream(c: Context, stream: StreamBody, status: ContentfulStatusCode = 200, headers: Record<string, string> = {}): Response {
  const metrics = currentMetrics();
  let ended: (whole: boolean) => void = () => {};
  if (metrics) {
    metrics.headersWritten = true;
    metrics.bodyEnd = new Promise<boolean>((resolve) => (ended = resolve));
  }
  const encoder = new TextEncoder();
  const iterator = stream.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<string>;
      try {
        next = await iterator.next();
      } catch (error) {
        ended(false);
        throw error;
      }
      if (next.done) {
        ended(true);
        return controller.close();
      }
      const bytes = encoder.encode(next.value);
      if (metrics) metrics.responseBytes += bytes.byteLength;
      controller.enqueue(bytes);
    },
    async cancel() {
      try {
        await iterator.return?.();
      } finally {
        ended(false);
      }
    },
  });
  return c.body(body, status, { ...headers, 'content-type': stream.contentType });
}
