import { describe, expect, it } from 'vitest';
import { summarizeComparisons } from './summarize-comparisons.ts';
import { DEFAULT_VERDICT_POLICY } from './decide-verdict.ts';
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
    requests: Math.round(throughput * 2),
    errors: 0,
    non2xx: 0,
    succeeded: Math.round(throughput * 2),
    failed: 0,
    failureRate: 0,
    latencyMs: { ...template.latencyMs, p95 },
    server: { ...template.server, queriesPerRequest: variant === 'naive' ? 201 : 1 },
  };
}

const geometricMean = (values: number[]) => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);

describe('summarizeComparisons', () => {
  it('pairs repeat k of naive with repeat k of optimized, whatever order the runs are listed in', () => {
    const runs = [run('naive', 3, 400, 8), run('optimized', 2, 400, 2), run('naive', 1, 100, 8), run('optimized', 3, 480, 1), run('naive', 2, 200, 8), run('optimized', 1, 300, 4)];
    const [summary] = summarizeComparisons(runs);
    // paired by repeat: 300/100 = 3, 400/200 = 2, 480/400 = 1.2 (listed order would pair 300/400, 400/100, 480/200)
    expect(summary?.throughputRatio.estimate).toBeCloseTo(geometricMean([3, 2, 1.2]), 12);
    expect(summary?.throughputRatio).toMatchObject({ samples: 3, emptyPairs: 0, method: 't-mean-log-ratio' });
    // p95 naive/optimized by repeat: 8/4 = 2, 8/2 = 4, 8/1 = 8
    expect(summary?.p95Ratio.estimate).toBeCloseTo(4, 12);
    expect(summary?.queriesPerRequest).toEqual({ naive: 201, optimized: 1 });
    expect(summary?.outcomes).toEqual({ naive: { successes: 1400, failures: 0 }, optimized: { successes: 2360, failures: 0 } });
  });

  it('calls a closed-model comparison slower when the whole throughput interval is below 1', () => {
    const runs = [1, 2, 3, 4].flatMap((repeat) => [run('naive', repeat, 1000 + repeat, 5), run('optimized', repeat, 500 + repeat, 1)]);
    expect(summarizeComparisons(runs)[0]).toMatchObject({ verdict: 'slower' });
  });

  it('reads the p95 interval under an open model, where both sides deliver the offered rate', () => {
    const open: LoadModel = { type: 'open', rate: 500, maxConnections: 50 };
    const runs = [1, 2, 3].flatMap((repeat) => [run('naive', repeat, 500, 40 + repeat, open), run('optimized', repeat, 499.5, 4, open)]);
    const [summary] = summarizeComparisons(runs);
    expect(summary?.throughputRatio.ci95?.[1]).toBeLessThan(1);
    expect(summary?.verdict).toBe('faster');
  });

  it('gives no verdict with too few pairs, and shows no difference when the interval straddles 1', () => {
    expect(summarizeComparisons([run('naive', 1, 100, 5), run('optimized', 1, 400, 1)])[0]).toMatchObject({ verdict: 'no-verdict', throughputRatio: { estimate: 4, ci95: null, samples: 1 } });
    const straddling = [run('naive', 1, 100, 5), run('optimized', 1, 90, 5), run('naive', 2, 100, 5), run('optimized', 2, 110, 5), run('naive', 3, 100, 5), run('optimized', 3, 105, 5)];
    expect(summarizeComparisons(straddling)[0]?.verdict).toBe('no-difference-shown');
  });

  it('calls an optimized side that answers errors fast "failed", never "faster"', () => {
    const runs = [1, 2, 3, 4, 5].flatMap((repeat) => [run('naive', repeat, 100, 50), { ...run('optimized', repeat, 5000, 1), non2xx: 9000, succeeded: 1000, failed: 9000, failureRate: 0.9 }]);
    const [summary] = summarizeComparisons(runs);
    expect(summary?.throughputRatio.ci95?.[0]).toBeGreaterThan(1);
    expect(summary).toMatchObject({ verdict: 'failed', outcomes: { optimized: { successes: 5000, failures: 45_000 } } });
    expect(summary?.verdictReason).toMatch(/optimized failed 90% of requests/);
  });

  it('draws no verdict when verdicts are off (--quick), but still gives the interval', () => {
    const runs = [1, 2, 3, 4].flatMap((repeat) => [run('naive', repeat, 100 + repeat, 5), run('optimized', repeat, 400 + repeat, 1)]);
    expect(summarizeComparisons(runs)[0]?.verdict).toBe('faster');
    const [quick] = summarizeComparisons(runs, { ...DEFAULT_VERDICT_POLICY, verdicts: false });
    expect(quick).toMatchObject({ verdict: 'no-verdict', verdictReason: expect.stringContaining('--quick') });
    expect(quick?.throughputRatio.ci95).not.toBeNull();
  });

  it('summarizes each (comparison, driver) separately and survives a side with no runs', () => {
    const k6 = { ...run('naive', 1, 100, 5), driver: 'k6' as const };
    const onlyNaive = { ...run('naive', 1, 100, 5), comparison: 'catalog-kv' };
    const summaries = summarizeComparisons([run('naive', 1, 100, 5), run('optimized', 1, 200, 1), k6, onlyNaive]);
    expect(summaries.map((summary) => `${summary.comparison}/${summary.driver}`)).toEqual(['orders-with-items/autocannon', 'orders-with-items/k6', 'catalog-kv/autocannon']);
    expect(summaries[2]).toMatchObject({ throughputRatio: { estimate: null, samples: 0 }, queriesPerRequest: { naive: 201, optimized: null }, verdict: 'no-verdict' });
  });

  it('leaves a run that completed no request out of the p95 ratio, but not out of throughput', () => {
    const stalled = (variant: Variant, repeat: number) => ({ ...run(variant, repeat, 0, 0), requests: 0 });
    const clear = [1, 2, 3, 4].flatMap((repeat) => [run('naive', repeat, 100 + repeat, 900), run('optimized', repeat, 400 + repeat, 300)]);
    expect(summarizeComparisons(clear)[0]?.verdict).toBe('faster');
    const [summary] = summarizeComparisons([...clear, run('naive', 5, 100, 900), stalled('optimized', 5)]);
    expect(summary?.p95Ratio).toMatchObject({ samples: 4, emptyPairs: 0 });
    // throughput 0 is a measurement: the pair is counted, and an optimized run that did nothing forbids "faster"
    expect(summary?.throughputRatio).toMatchObject({ samples: 4, emptyPairs: 1 });
    expect(summary).toMatchObject({ verdict: 'no-verdict', verdictReason: '1 optimized run(s) completed no request' });
    // a naive run that did nothing is no evidence against the optimized side
    expect(summarizeComparisons([...clear, stalled('naive', 5), run('optimized', 5, 400, 300)])[0]).toMatchObject({ verdict: 'faster', throughputRatio: { emptyPairs: 1 } });
  });
});
