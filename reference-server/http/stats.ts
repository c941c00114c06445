import type { Variant } from '../../lib/variant.ts';
import type { RequestMetrics } from './request-metrics.ts';

export type { Variant };

/** Counters for one comparison variant since the last reset. */
export interface VariantStats {
  requests: number;
  /** Response count by HTTP status, e.g. `{ "200": 950, "404": 50 }`. */
  status: Record<string, number>;
  /**
   * `perRequest` divides the statements of 2xx answers by their count: a request cut short (a
   * timeout, a client gone at the end of a run, a streamed body not read to its end) sent only part of its statements and would make
   * a deterministic figure noisy. `total` counts every request's.
   */
  queries: { total: number; perRequest: number };
  responseBytes: { total: number; perResponse: number };
  dbMs: { total: number; perRequest: number };
  cache: { hits: number; misses: number; errors: number; hitRatio: number | null };
  /**
   * Statements run after the response, on behalf of this variant's requests (bulk-import
   * optimized: its pg-boss worker's job statements), counted when each job run ends. Read it
   * once the queue is drained; perRequest divides by this variant's requests.
   */
  deferredQueries: { total: number; perRequest: number; jobs: number };
}

/**
 * What `GET /__stats` answers: per comparison id, per variant. The harness resets before a run
 * and reads after it, so per-request figures here are server-side truth, not client estimates.
 */
export interface StatsSnapshot {
  since: string;
  comparisons: Record<string, Partial<Record<Variant, VariantStats>>>;
}

interface Counter {
  requests: number;
  status: Map<number, number>;
  queries: number;
  /** 2xx answers and the statements they sent. */
  completed: number;
  completedQueries: number;
  bytes: number;
  dbMs: number;
  hits: number;
  misses: number;
  errors: number;
  deferredQueries: number;
  jobs: number;
}

/** Per comparison and variant counters; one instance per server. */
export class Stats {
  private counters = new Map<string, Counter>();
  private since = new Date();

  /** One answered request; `whole` is false for a streamed body cut before its end (kept out of the per-request figures, like an error). */
  record(id: string, variant: Variant, status: number, metrics: RequestMetrics, whole = true): void {
    const counter = this.counter(id, variant);
    counter.requests += 1;
    counter.status.set(status, (counter.status.get(status) ?? 0) + 1);
    counter.queries += metrics.queries;
    if (whole && status >= 200 && status < 300) {
      counter.completed += 1;
      counter.completedQueries += metrics.queries;
    }
    counter.bytes += metrics.responseBytes;
    counter.dbMs += metrics.dbMs;
    counter.hits += metrics.cacheHits;
    counter.misses += metrics.cacheMisses;
    counter.errors += metrics.cacheErrors;
  }

  /** Adds the statements one deferred run (a job) sent for a variant's earlier request. */
  recordDeferred(id: string, variant: Variant, statements: number): void {
    const counter = this.counter(id, variant);
    counter.deferredQueries += statements;
    counter.jobs += 1;
  }

  private counter(id: string, variant: Variant): Counter {
    const key = `${id}\u0000${variant}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { requests: 0, status: new Map(), queries: 0, completed: 0, completedQueries: 0, bytes: 0, dbMs: 0, hits: 0, misses: 0, errors: 0, deferredQueries: 0, jobs: 0 };
      this.counters.set(key, counter);
    }
    return counter;
  }

  reset(): void {
    this.counters.clear();
    this.since = new Date();
  }

  snapshot(): StatsSnapshot {
    const comparisons: StatsSnapshot['comparisons'] = {};
    for (const [key, c] of this.counters) {
      const [id = '', variant] = key.split('\u0000') as [string, Variant];
      const per = (total: number) => (c.requests ? round(total / c.requests) : 0);
      const lookups = c.hits + c.misses;
      (comparisons[id] ??= {})[variant] = {
        requests: c.requests,
        status: Object.fromEntries([...c.status].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n])),
        queries: { total: c.queries, perRequest: c.completed ? round(c.completedQueries / c.completed) : per(c.queries) },
        responseBytes: { total: c.bytes, perResponse: per(c.bytes) },
        dbMs: { total: round(c.dbMs), perRequest: per(c.dbMs) },
        cache: { hits: c.hits, misses: c.misses, errors: c.errors, hitRatio: lookups ? round(c.hits / lookups) : null },
        deferredQueries: { total: c.deferredQueries, perRequest: per(c.deferredQueries), jobs: c.jobs },
      };
    }
    return { since: this.since.toISOString(), comparisons };
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
