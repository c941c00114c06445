import type { MiddlewareHandler } from 'hono';
import { performance } from 'node:perf_hooks';
import { newRequestMetrics, withRequestMetrics, type RequestMetrics } from './request-metrics.ts';
import type { Stats, Variant } from './stats.ts';

/** Hono variables the timing middleware reads: set by mountComparison for comparison routes. */
export interface TimingVariables {
  comparison?: { id: string; variant: Variant };
}

/**
 * Opens the per-request metrics store, makes sure `X-Query-Count` and `Server-Timing` are on
 * every response but a streamed one (errors included; sendJson normally writes them) and feeds
 * /__stats: when the handler returns, or for a streamed reply when its body ends.
 */
export function requestTiming(stats: Stats): MiddlewareHandler<{ Variables: TimingVariables }> {
  return async (c, next) => {
    const metrics = newRequestMetrics(performance.now());
    await withRequestMetrics(metrics, next);
    // responses not built by sendJson (none today) still get the headers, the slow way
    if (!metrics.headersWritten) {
      c.header('X-Query-Count', String(metrics.queries));
      c.header('Server-Timing', serverTiming(metrics, performance.now() - metrics.startedAt));
    }
    const comparison = c.get('comparison');
    if (!comparison) return;
    const status = c.res.status;
    // a streamed body is still being produced: its cursor's statement and most of its bytes come later
    if (metrics.bodyEnd) void metrics.bodyEnd.then((whole) => stats.record(comparison.id, comparison.variant, status, metrics, whole));
    else stats.record(comparison.id, comparison.variant, status, metrics);
  };
}

/** `db;dur=1.20;desc="3 queries", cache;desc="hit", total;dur=2.31` */
export function serverTiming(metrics: RequestMetrics, totalMs: number): string {
  const parts = [`db;dur=${metrics.dbMs.toFixed(2)};desc="${metrics.queries} ${metrics.queries === 1 ? 'query' : 'queries'}"`];
  const cache = cacheOutcome(metrics);
  if (cache) parts.push(`cache;desc="${cache}"`);
  parts.push(`total;dur=${totalMs.toFixed(2)}`);
  return parts.join(', ');
}

function cacheOutcome(m: RequestMetrics): string | undefined {
  if (m.cacheErrors > 0) return 'error';
  if (m.cacheMisses > 0) return 'miss';
  if (m.cacheHits > 0) return 'hit';
  return undefined;
}
