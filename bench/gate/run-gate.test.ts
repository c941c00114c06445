import { describe, expect, it } from 'vitest';
import { gateExitCode } from './gate-exit-code.ts';
import { DEFAULT_GATE_OPTIONS } from './gate-options.ts';
import { GateInputError, runGate } from './run-gate.ts';
import { cleanResults, editRuns, withInjectedNPlusOne } from './test-support/gate-fixtures.ts';
import type { Results } from '../results/types.ts';

const sources = { baseline: 'a/results.json', candidate: 'b/results.json' };
const gate = (baseline: Results, candidate: Results, options = DEFAULT_GATE_OPTIONS) => runGate(baseline, candidate, sources, options);
const failed = (outcome: ReturnType<typeof gate>) => outcome.checks.filter((c) => c.status === 'fail').map((c) => c.name);

describe('runGate', () => {
  it('A/A: a document against itself passes every check of every kind', () => {
    const doc = cleanResults();
    const outcome = gate(doc, doc);
    expect(new Set(outcome.checks.map((c) => c.kind))).toEqual(new Set(['deterministic', 'relative', 'absolute', 'slo']));
    expect(outcome.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.sameHost).toBe(true);
    expect(gateExitCode(outcome.verdict)).toBe(0);
  });

  it('an injected N+1 (optimized orders-with-items 1 → 51 statements/request) fails the deterministic check naming the comparison', () => {
    const baseline = cleanResults();
    for (const deterministicOnly of [false, true]) {
      const outcome = gate(baseline, withInjectedNPlusOne(baseline), { ...DEFAULT_GATE_OPTIONS, deterministicOnly });
      const nPlusOne = outcome.checks.find((c) => c.name === 'queries/request orders-with-items optimized (autocannon)');
      expect(nPlusOne).toMatchObject({ kind: 'deterministic', status: 'fail', baseline: 1, candidate: 51, change: 50 });
      expect(nPlusOne?.evidence).toContain('orders-with-items optimized now runs 51 statements per request, 1 before');
      expect(outcome.verdict).toBe('regression');
      expect(outcome.summary).toContain('orders-with-items');
      expect(gateExitCode(outcome.verdict)).toBe(1);
    }
  });

  it('statements per request: one more on every optimized request fails; a spread as measured (naive 41.5–79.1 per run) does not', () => {
    const baseline = cleanResults();
    const oneMore = editRuns(baseline, (r) => r.comparison === 'orders-with-items' && r.variant === 'optimized', (r) => ({ ...r, server: { ...r.server, queriesPerRequest: 2 } }));
    expect(failed(gate(baseline, oneMore))).toEqual(['queries/request orders-with-items optimized (autocannon)']);
    const perRepeat = (values: number[]) => (r: Parameters<Parameters<typeof editRuns>[2]>[0]) => ({ ...r, server: { ...r.server, queriesPerRequest: values[r.repeat - 1] as number } });
    const naive = (r: { comparison: string; variant: string }) => r.comparison === 'orders-with-items' && r.variant === 'naive';
    const measured = editRuns(baseline, naive, perRepeat([41.5, 76.75, 79.125]));
    const another = editRuns(baseline, naive, perRepeat([70, 79.5, 78]));
    const check = gate(measured, another).checks.find((c) => c.name === 'queries/request orders-with-items naive (autocannon)');
    expect(check).toMatchObject({ status: 'pass', baseline: 76.75, candidate: 78 });
    expect(check?.evidence).toBe('41.5–79.1 → 70–79.5 statements per request: within the run-to-run spread or below +0.5');
  });

  it('exact figures (the same whole count in every run, both sides) fail on any rise: 0 tolerance', () => {
    const baseline = cleanResults();
    const optimized = (r: { comparison: string; variant: string }) => r.comparison === 'orders-with-items' && r.variant === 'optimized';
    const exactly = (n: number) => editRuns(baseline, optimized, (r) => ({ ...r, server: { ...r.server, queriesPerRequest: n } }));
    const check = gate(exactly(1), exactly(2), { ...DEFAULT_GATE_OPTIONS, deterministicOnly: true }).checks.find((c) => c.name === 'queries/request orders-with-items optimized (autocannon)');
    expect(check).toMatchObject({ status: 'fail', baseline: 1, candidate: 2 });
    expect(check?.evidence).toContain('exact figures, 0 tolerance');
    // a fractional count that varies from run to run (cache misses) keeps the +0.5 floor: 0.064 → 0.202 is not a regression
    const varying = (values: number[]) => editRuns(baseline, optimized, (r) => ({ ...r, server: { ...r.server, queriesPerRequest: values[r.repeat - 1] as number } }));
    const noisy = gate(varying([0.064, 0.066, 0.07]), varying([0.106, 0.202, 0.15])).checks.find((c) => c.name === 'queries/request orders-with-items optimized (autocannon)');
    expect(noisy?.status).toBe('pass');
  });

  it('statements of a variant whose every run completed no request are inconclusive, not compared as a figure', () => {
    const baseline = cleanResults();
    const empty = editRuns(baseline, (r) => r.comparison === 'orders-with-items' && r.variant === 'naive', (r) => ({ ...r, requests: 0, succeeded: 0, server: { ...r.server, queriesPerRequest: 150 } }));
    const check = gate(empty, baseline, { ...DEFAULT_GATE_OPTIONS, deterministicOnly: true }).checks.find((c) => c.name === 'queries/request orders-with-items naive (autocannon)');
    expect(check).toMatchObject({ status: 'inconclusive', evidence: 'no run of the baseline completed a request: its statements per request are not a per-request figure' });
  });

  it('--deterministic-only runs statement counts only', () => {
    const doc = cleanResults();
    const outcome = gate(doc, doc, { ...DEFAULT_GATE_OPTIONS, deterministicOnly: true });
    expect(new Set(outcome.checks.map((c) => c.kind))).toEqual(new Set(['deterministic']));
    expect(outcome.notes.join(' ')).toContain('--deterministic-only');
  });

  it('fewer statements pass and say to save a new baseline', () => {
    const baseline = withInjectedNPlusOne(cleanResults());
    const check = gate(baseline, cleanResults()).checks.find((c) => c.name === 'queries/request orders-with-items optimized (autocannon)');
    expect(check).toMatchObject({ status: 'pass', change: -50 });
    expect(check?.evidence).toContain('save a new baseline');
  });

  it('the optimized side at half its throughput fails the relative and the absolute req/s checks', () => {
    const baseline = cleanResults();
    const slower = editRuns(baseline, (r) => r.comparison === 'orders-with-items' && r.variant === 'optimized', (r) => ({ ...r, throughput: r.throughput / 2 }));
    const outcome = gate(baseline, slower);
    expect(failed(outcome)).toEqual(['optimized/naive throughput ratio orders-with-items (autocannon)', 'req/s orders-with-items optimized (autocannon)']);
    const relative = outcome.checks.find((c) => c.kind === 'relative' && c.comparison === 'orders-with-items');
    expect(relative?.change).toBeCloseTo(0.5, 6);
    expect(relative!.interval![1]).toBeLessThan(1);
  });

  it('a 5% worsening below the 10% minimum effect does not fail, even where the interval excludes 1', () => {
    const baseline = cleanResults();
    const slightly = editRuns(baseline, (r) => r.comparison === 'orders-with-items' && r.variant === 'optimized', (r) => ({ ...r, throughput: r.throughput * 0.95 }));
    const relative = gate(baseline, slightly).checks.find((c) => c.kind === 'relative' && c.comparison === 'orders-with-items');
    expect(relative?.status).toBe('pass');
    expect(relative?.evidence).toContain('within the 10% minimum effect');
  });

  it('another host: every absolute check says "not compared: different host", relative checks still run', () => {
    const baseline = cleanResults();
    const elsewhere: Results = { ...baseline, run: { ...baseline.run, host: { ...baseline.run.host, cpus: 4, cpuModel: 'Other CPU' } } };
    const outcome = gate(baseline, elsewhere);
    const absolute = outcome.checks.filter((c) => c.kind === 'absolute');
    expect(absolute.length).toBe(8);
    for (const check of absolute) {
      expect(check.status).toBe('not-compared');
      expect(check.evidence).toBe('not compared: different host (cpuModel Synthetic CPU (test fixture) vs Other CPU, cpus 2 vs 4)');
    }
    expect(outcome.checks.filter((c) => c.kind === 'relative').every((c) => c.status === 'pass')).toBe(true);
    expect(outcome.sameHost).toBe(false);
    expect(outcome.summary).toContain('8 not compared');
  });

  it('a comparison on one side only is a check status, not a crash', () => {
    const full = cleanResults();
    const without = { ...full, scenarios: full.scenarios.filter((s) => s.comparison === 'orders-with-items'), variants: full.variants.filter((v) => v.comparison === 'orders-with-items'), comparisons: full.comparisons.filter((c) => c.comparison === 'orders-with-items') };
    const missing = gate(full, without);
    const gone = missing.checks.filter((c) => c.comparison === 'product-detail-cache');
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((c) => c.status === 'inconclusive' && c.evidence.startsWith('in the baseline but not in the candidate'))).toBe(true);
    const added = gate(without, full).checks.filter((c) => c.comparison === 'product-detail-cache');
    // an SLO is a fixed limit: a new comparison's is still checked
    expect(added.filter((c) => c.kind === 'slo').map((c) => c.status)).toEqual(['pass']);
    const compared = added.filter((c) => c.kind !== 'slo');
    expect(compared.length).toBeGreaterThan(0);
    expect(compared.every((c) => c.status === 'not-compared' && c.evidence.startsWith('new in the candidate'))).toBe(true);
  });

  it('too few pairs for an interval is inconclusive (exit 3), mapped by --inconclusive', () => {
    const baseline = cleanResults();
    const quick = editRuns(baseline, () => true, (r) => r);
    const twoPairs = { ...quick, comparisons: quick.comparisons.map((c) => ({ ...c, throughputRatio: { ...c.throughputRatio, ci95: null, samples: 2 }, p95Ratio: { ...c.p95Ratio, ci95: null, samples: 2 } })) };
    const outcome = gate(baseline, twoPairs);
    expect(outcome.verdict).toBe('inconclusive');
    expect(outcome.checks.filter((c) => c.kind === 'relative').map((c) => c.evidence)).toEqual([
      'the candidate (2 pairs) has no interval: at least 3 pairs are needed (run without --quick)',
      'the candidate (2 pairs) has no interval: at least 3 pairs are needed (run without --quick)',
    ]);
    expect([gateExitCode('inconclusive'), gateExitCode('inconclusive', 'pass'), gateExitCode('inconclusive', 'fail')]).toEqual([3, 0, 1]);
  });

  it('a naive path too slow to complete a request in any window, on both sides: its ratio is not compared, not inconclusive', () => {
    const starvedNaive = editRuns(cleanResults(), (r) => r.comparison === 'orders-with-items' && r.variant === 'naive', (r) => ({ ...r, requests: 0, succeeded: 0, throughput: 0 }));
    const outcome = gate(starvedNaive, starvedNaive);
    const ratio = outcome.checks.find((c) => c.kind === 'relative' && c.comparison === 'orders-with-items');
    expect(ratio?.status).toBe('not-compared');
    expect(ratio?.evidence).toMatch(/^no ratio on either side: every pair had a run that completed no request \(3 in the baseline, 3 in the candidate\)/);
    expect(outcome.checks.filter((c) => c.kind === 'relative' && c.status === 'inconclusive')).toEqual([]);
  });

  it('an optimized path that completed no request in any candidate window, where the baseline did in every one, fails its absolute checks', () => {
    const baseline = cleanResults();
    const starved = editRuns(baseline, (r) => r.comparison === 'orders-with-items' && r.variant === 'optimized', (r) => ({ ...r, requests: 0, succeeded: 0, throughput: 0 }));
    const absolute = gate(baseline, starved).checks.filter((c) => c.kind === 'absolute' && c.comparison === 'orders-with-items');
    expect(absolute.map((c) => c.status)).toEqual(['fail', 'fail', 'fail', 'fail']);
    expect(absolute[0]?.evidence).toBe('the candidate completed no request in any of its 3 windows, the baseline completed requests in all 3 of its windows');
    // the other way round is no regression
    expect(gate(starved, baseline).checks.filter((c) => c.kind === 'absolute' && c.comparison === 'orders-with-items').map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('a broken SLO in the candidate fails the SLO check', () => {
    const baseline = cleanResults();
    const broken = editRuns(baseline, (r) => r.comparison === 'product-detail-cache' && r.variant === 'optimized' && r.repeat === 2, (r) => ({ ...r, thresholds: r.thresholds.map((t) => ({ ...t, passed: false })) }));
    expect(failed(gate(baseline, broken))).toEqual(['SLOs product-detail-cache optimized (k6)']);
  });

  it('an SLO broken in the baseline too is not this change: it passes, and the notes name it', () => {
    const breakIt = (doc: Results) => editRuns(doc, (r) => r.comparison === 'product-detail-cache' && r.variant === 'optimized' && r.repeat === 2, (r) => ({ ...r, thresholds: r.thresholds.map((t) => ({ ...t, passed: false })) }));
    const both = breakIt(cleanResults());
    const outcome = gate(both, both);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.checks.find((c) => c.kind === 'slo' && c.comparison === 'product-detail-cache')?.evidence).toBe('already broken in the baseline, not by this change: the candidate broke 2 SLO threshold(s) over 3 run(s); 2 in the baseline');
    expect(outcome.notes).toContain('SLOs broken in the baseline and the candidate alike (fix them apart from this change): SLOs product-detail-cache optimized (k6).');
  });

  it('refuses two runs of different data sets in one line', () => {
    const baseline = cleanResults();
    const large: Results = { ...baseline, dataset: { ...baseline.dataset, scale: 'large' } };
    expect(() => gate(baseline, large)).toThrow(GateInputError);
    expect(() => gate(baseline, large)).toThrow('different data sets (scale tiny/seed 42 vs scale large/seed 42)');
  });
});
