import { describe, expect, it } from 'vitest';
import { summarizeComparisons, verdictOf } from './summarize-comparisons.ts';
import { syntheticResults } from '../test-support/synthetic-results.ts';
import type { LoadModel, ScenarioRun, Variant } from '../results/types.ts';

const template = syntheticResults().scenarios[0] as ScenarioRun;

function run(variant: Variant, repeat: number, throughput: number, p95: number, loadModel: LoadModel = { type: 'closed', connections: 10 }): ScenarioRun {
  return {
    ...template,
    comparison: 'orders-with-items',
    driver: 'autocannon',
    variant,
    repeat,
    loadModel,
    throughput,
    latencyMs: { ...template.latencyMs, p95 },
    server: { ...template.server, queriesPerRequest: variant === 'naive' ? 201 : 1 },
  };
}

describe('summarizeComparisons', () => {
  it('pairs repeat k of naive with repeat k of optimized, whatever order the runs are listed in', () => {
    const runs = [run('naive', 3, 400, 8), run('optimized', 2, 400, 2), run('naive', 1, 100, 8), run('optimized', 3, 480, 1), run('naive', 2, 200, 8), run('optimized', 1, 300, 4)];
    const [summary] = summarizeComparisons(runs, { seed: 1 });
    // paired by repeat: 300/100 = 3, 400/200 = 2, 480/400 = 1.2 → 2 (pairing in listed order would give 1.5)
    expect(summary?.throughputRatio).toMatchObject({ median: 2, samples: 3 });
    // p95 naive/optimized by repeat: 8/4 = 2, 8/2 = 4, 8/1 = 8 → 4
    expect(summary?.p95Ratio).toMatchObject({ median: 4, samples: 3 });
    expect(summary?.queriesPerRequest).toEqual({ naive: 201, optimized: 1 });
    expect(summary?.verdict).toBe('faster');
  });

  it('calls a closed-model comparison slower when the whole throughput interval is below 1', () => {
    const runs = [1, 2, 3, 4].flatMap((repeat) => [run('naive', repeat, 1000 + repeat, 5), run('optimized', repeat, 500 + repeat, 1)]);
    expect(summarizeComparisons(runs)[0]?.verdict).toBe('slower');
  });

  it('reads the p95 interval under an open model, where both sides deliver the offered rate', () => {
    const open: LoadModel = { type: 'open', rate: 500, maxConnections: 50 };
    const runs = [1, 2, 3].flatMap((repeat) => [run('naive', repeat, 500, 40 + repeat, open), run('optimized', repeat, 499.5, 4, open)]);
    const [summary] = summarizeComparisons(runs);
    expect(summary?.throughputRatio.ci95?.[1]).toBeLessThan(1);
    expect(summary?.verdict).toBe('faster');
  });

  it('is inconclusive with too few repeats or an interval that straddles 1', () => {
    expect(summarizeComparisons([run('naive', 1, 100, 5), run('optimized', 1, 400, 1)])[0]).toMatchObject({ verdict: 'inconclusive', throughputRatio: { median: 4, ci95: null, samples: 1 } });
    const straddling = [run('naive', 1, 100, 5), run('optimized', 1, 90, 5), run('naive', 2, 100, 5), run('optimized', 2, 110, 5), run('naive', 3, 100, 5), run('optimized', 3, 105, 5)];
    expect(summarizeComparisons(straddling)[0]?.verdict).toBe('inconclusive');
    expect(verdictOf({ median: 1.2, ci95: [1, 1.4], samples: 5 })).toBe('inconclusive');
  });

  it('summarizes each (comparison, driver) separately and survives a side with no runs', () => {
    const k6 = { ...run('naive', 1, 100, 5), driver: 'k6' as const };
    const onlyNaive = { ...run('naive', 1, 100, 5), comparison: 'catalog-kv' };
    const summaries = summarizeComparisons([run('naive', 1, 100, 5), run('optimized', 1, 200, 1), k6, onlyNaive]);
    expect(summaries.map((summary) => `${summary.comparison}/${summary.driver}`)).toEqual(['orders-with-items/autocannon', 'orders-with-items/k6', 'catalog-kv/autocannon']);
    expect(summaries[2]).toMatchObject({ throughputRatio: { median: null, samples: 0 }, queriesPerRequest: { naive: 201, optimized: null }, verdict: 'inconclusive' });
  });

  it('leaves a run that completed no request out of the p95 ratio, but not out of throughput', () => {
    const stalled = { ...run('naive', 1, 0, 0), requests: 0 };
    const runs = [stalled, run('optimized', 1, 50, 700), run('naive', 2, 10, 900), run('optimized', 2, 40, 300)];
    const [summary] = summarizeComparisons(runs);
    expect(summary?.p95Ratio).toEqual({ median: 3, ci95: null, samples: 1 });
    expect(summary?.throughputRatio).toEqual({ median: 4, ci95: null, samples: 1 });
  });
});
