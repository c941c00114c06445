import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { toBmf, toGab } from './export-formats.ts';
import { cleanResults } from './test-support/gate-fixtures.ts';

const results = cleanResults();
const orders = results.comparisons.find((c) => c.comparison === 'orders-with-items')!;

/** The BMF JSON Schema as bencher.dev publishes it (https://bencher.dev/bmf.json). */
const BMF_SCHEMA = {
  type: 'object',
  patternProperties: {
    '.+': {
      type: 'object',
      patternProperties: {
        '.+': { type: 'object', properties: { value: { type: 'number' }, lower_value: { type: 'number' }, upper_value: { type: 'number' } }, required: ['value'] },
      },
    },
  },
};

describe('Bencher Metric Format', () => {
  const bmf = toBmf(results);

  it('names one benchmark per comparison × driver and per variant, with the measures documented', () => {
    expect(Object.keys(bmf)).toEqual([
      'orders-with-items/autocannon',
      'product-detail-cache/k6',
      'orders-with-items/autocannon/naive',
      'orders-with-items/autocannon/optimized',
      'product-detail-cache/k6/naive',
      'product-detail-cache/k6/optimized',
    ]);
    expect(bmf['orders-with-items/autocannon']).toEqual({
      'throughput-ratio': { value: orders.throughputRatio.estimate, lower_value: orders.throughputRatio.ci95![0], upper_value: orders.throughputRatio.ci95![1] },
      'p95-ratio': { value: orders.p95Ratio.estimate, lower_value: orders.p95Ratio.ci95![0], upper_value: orders.p95Ratio.ci95![1] },
    });
    const optimized = results.variants.find((v) => v.comparison === 'orders-with-items' && v.variant === 'optimized')!;
    expect(bmf['orders-with-items/autocannon/optimized']).toEqual({
      'requests-per-second': { value: optimized.throughput },
      'p50-ms': { value: optimized.latencyMs.p50 },
      'p95-ms': { value: optimized.latencyMs.p95 },
      'p99-ms': { value: optimized.latencyMs.p99 },
      'queries-per-request': { value: 1 },
    });
  });

  it("validates against Bencher's published schema; a null figure is left out, never written as null", () => {
    expect(new Ajv().validate(BMF_SCHEMA, bmf)).toBe(true);
    const noRatio = { ...results, comparisons: results.comparisons.map((c) => ({ ...c, p95Ratio: { ...c.p95Ratio, estimate: null, ci95: null } })) };
    expect(Object.keys(toBmf(noRatio)['orders-with-items/autocannon']!)).toEqual(['throughput-ratio']);
  });
});

describe('github-action-benchmark custom JSON', () => {
  it('bigger: ratios with their interval as range, then req/s; only the documented keys', () => {
    const entries = toGab(results, 'bigger');
    expect(entries.map((e) => e.name)).toEqual([
      'orders-with-items (autocannon) optimized/naive throughput ratio',
      'orders-with-items (autocannon) optimized/naive p95 ratio',
      'product-detail-cache (k6) optimized/naive throughput ratio',
      'product-detail-cache (k6) optimized/naive p95 ratio',
      'orders-with-items (autocannon) naive throughput',
      'orders-with-items (autocannon) optimized throughput',
      'product-detail-cache (k6) naive throughput',
      'product-detail-cache (k6) optimized throughput',
    ]);
    const first = entries[0]!;
    expect(first).toEqual({
      name: 'orders-with-items (autocannon) optimized/naive throughput ratio',
      unit: 'x',
      value: orders.throughputRatio.estimate,
      range: `95% interval ${Number(orders.throughputRatio.ci95![0].toPrecision(4))}–${Number(orders.throughputRatio.ci95![1].toPrecision(4))}`,
      extra: `run synthetic-run at 0123456789ab; orders-with-items with autocannon; verdict ${orders.verdict}`,
    });
    for (const entry of entries) {
      expect(Object.keys(entry).every((key) => ['name', 'unit', 'value', 'range', 'extra'].includes(key))).toBe(true);
      expect(typeof entry.value).toBe('number');
    }
  });

  it('smaller: p95 ms and statements per request of each variant', () => {
    const entries = toGab(results, 'smaller');
    expect(entries.filter((e) => e.unit === 'statements').map((e) => [e.name, e.value])).toEqual([
      ['orders-with-items (autocannon) naive queries per request', 201],
      ['orders-with-items (autocannon) optimized queries per request', 1],
      ['product-detail-cache (k6) naive queries per request', 201],
      ['product-detail-cache (k6) optimized queries per request', 1],
    ]);
    expect(entries.filter((e) => e.unit === 'ms').length).toBe(4);
  });
});
