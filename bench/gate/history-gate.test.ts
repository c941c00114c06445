import { describe, expect, it } from 'vitest';
import { historyLine } from './history.ts';
import { runHistoryGate } from './history-gate.ts';
import { GateInputError } from './run-gate.ts';
import { cleanResults, editRuns, withInjectedNPlusOne } from './test-support/gate-fixtures.ts';

const clean = cleanResults();
const line = (id: string, results = clean) => ({ ...historyLine(results), id });
const history = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => line(id));
const sources = { history: 'reports/history.jsonl', candidate: 'reports/x/results.json' };

describe('runHistoryGate (--baseline-from-history N)', () => {
  it('the candidate like its history passes; the baseline is the median of the last N same-host runs', () => {
    const outcome = runHistoryGate(history, clean, 3, sources);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.baseline.runId).toBe('median of 3 runs');
    expect(outcome.notes.join(' ')).toContain('(r3 … r5)');
    expect(new Set(outcome.checks.map((c) => c.kind))).toEqual(new Set(['deterministic', 'relative', 'slo']));
  });

  it('an injected N+1 fails against the history median, naming the comparison', () => {
    const outcome = runHistoryGate(history, withInjectedNPlusOne(clean), 5, sources);
    expect(outcome.checks.filter((c) => c.status === 'fail').map((c) => c.name)).toEqual(['queries/request orders-with-items optimized (autocannon)']);
    expect(outcome.verdict).toBe('regression');
  });

  it('a halved optimized throughput fails the relative check', () => {
    const slower = editRuns(clean, (r) => r.comparison === 'orders-with-items' && r.variant === 'optimized', (r) => ({ ...r, throughput: r.throughput / 2 }));
    const failed = runHistoryGate(history, slower, 5, sources).checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.name)).toEqual(['optimized/naive throughput ratio orders-with-items (autocannon)']);
  });

  it('runs of another host do not count; none left is one clear error', () => {
    const elsewhere = history.map((l) => ({ ...l, host: l.host.replace('cpus=2', 'cpus=4') }));
    expect(() => runHistoryGate(elsewhere, clean, 5, sources)).toThrow(GateInputError);
    expect(() => runHistoryGate(elsewhere, clean, 5, sources)).toThrow('reports/history.jsonl has no complete run of this host and data set (scale tiny/seed 42) to take a baseline from');
  });
});
