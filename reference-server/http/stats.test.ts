import { describe, expect, it } from 'vitest';
import { newRequestMetrics } from './request-metrics.ts';
import { Stats } from './stats.ts';

const withQueries = (queries: number) => ({ ...newRequestMetrics(), queries });

describe('Stats', () => {
  it('divides the statements of 2xx answers by their count: a request cut short does not move the figure', () => {
    const stats = new Stats();
    for (let i = 0; i < 4; i++) stats.record('orders-with-items', 'naive', 200, withQueries(271));
    // the window ended mid-request: the client went away after 90 of its statements
    stats.record('orders-with-items', 'naive', 503, withQueries(90));
    const naive = stats.snapshot().comparisons['orders-with-items']?.naive;
    expect(naive?.queries).toEqual({ total: 4 * 271 + 90, perRequest: 271 });
    expect(naive?.requests).toBe(5);
    expect(naive?.status).toEqual({ '200': 4, '503': 1 });
  });

  it('falls back to every request when none succeeded', () => {
    const stats = new Stats();
    stats.record('catalog-kv', 'optimized', 503, withQueries(2));
    stats.record('catalog-kv', 'optimized', 503, withQueries(0));
    expect(stats.snapshot().comparisons['catalog-kv']?.optimized?.queries).toEqual({ total: 2, perRequest: 1 });
  });
});
