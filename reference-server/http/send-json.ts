import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { currentMetrics } from './request-metrics.ts';

/** Serialises once, records the byte size for /__stats, and sends. */
export function sendJson(c: Context, body: unknown, status: ContentfulStatusCode = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const metrics = currentMetrics();
  if (metrics) metrics.responseBytes = Buffer.byteLength(text);
  return c.body(text, status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
}
