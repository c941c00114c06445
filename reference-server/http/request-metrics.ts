import { AsyncLocalStorage } from 'node:async_hooks';

/** What one request cost: filled in by the counted SQL client and the cache, read by the timing middleware. */
export interface RequestMetrics {
  queries: number;
  dbMs: number;
  cacheHits: number;
  cacheMisses: number;
  cacheErrors: number;
  /** Set by whoever serialises the response body (JSON replies and error bodies). */
  responseBytes: number;
  /** performance.now() when the request entered the server. */
  startedAt: number;
  /** True once the reply's sender set its headers: sendJson with X-Query-Count and Server-Timing, sendStream without. */
  headersWritten: boolean;
  /**
   * Set by sendStream: settles when a streamed body ends, `true` if it was sent whole, `false`
   * if it was cut (client gone, a failing iterator). The statements and bytes of a stream are
   * only known then, so /__stats records the request at that point.
   */
  bodyEnd?: Promise<boolean>;
  /** Aborted when the request times out or its client goes away: its queries are cancelled (see counted-sql). */
  signal?: AbortSignal;
  /** performance.now() at which the request times out: admission sheds at once a request that could not finish before it. */
  deadline?: number;
}

const storage = new AsyncLocalStorage<RequestMetrics>();

export function newRequestMetrics(startedAt = 0): RequestMetrics {
  return { queries: 0, dbMs: 0, cacheHits: 0, cacheMisses: 0, cacheErrors: 0, responseBytes: 0, startedAt, headersWritten: false };
}

/** Runs fn with a fresh metrics store; every query and cache call made inside is attributed to it. */
export function withRequestMetrics<T>(metrics: RequestMetrics, fn: () => T): T {
  return storage.run(metrics, fn);
}

/** The store of the request currently running, or undefined outside a request (startup, workers). */
export function currentMetrics(): RequestMetrics | undefined {
  return storage.getStore();
}
