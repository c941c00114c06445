import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { performance } from 'node:perf_hooks';
import { currentMetrics } from './request-metrics.ts';
import { serverTiming } from './timing.ts';

/**
 * Serialises once, records the byte size for /__stats, and sends with X-Query-Count and
 * Server-Timing already set: the request's work is done by now, and a header added after the
 * response exists makes @hono/node-server rebuild it as a full web Response (~10× the cost of /noop).
 */
export function sendJson(c: Context, body: unknown, status: ContentfulStatusCode = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const metrics = currentMetrics();
  const timing: Record<string, string> = {};
  if (metrics) {
    metrics.responseBytes = Buffer.byteLength(text);
    metrics.headersWritten = true;
    timing['X-Query-Count'] = String(metrics.queries);
    timing['Server-Timing'] = serverTiming(metrics, performance.now() - metrics.startedAt);
  }
  return c.body(text, status, { ...headers, ...timing, 'content-type': 'application/json; charset=utf-8' });
}
