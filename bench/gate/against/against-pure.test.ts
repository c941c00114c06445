import { describe, expect, it } from 'vitest';
import { diffMigrations } from './migrations-diff.ts';
import { pairedLogRatio } from './pooled-log-ratios.ts';
import { deferredChecks } from './deferred-checks.ts';
import { parityChecks } from './parity-checks.ts';
import { probeChecks } from './probe-checks.ts';
import type { ProbeSample } from './statement-probe.ts';

const answers = (...queries: number[]) => queries.map((q) => ({ status: 200, queries: q, body: null }));

describe('diffMigrations', () => {
  const base = new Map([['0000_a.sql', 'h0'], ['0001_b.sql', 'h1']]);
  it('same folders: one schema', () => expect(diffMigrations(base, new Map(base)).schema).toBe('same'));
  it('a migration added by the candidate: said, and measured (each build on its own schema)', () => {
    const diff = diffMigrations(base, new Map([...base, ['0099_drop.sql', 'h9']]));
    expect(diff).toMatchObject({ schema: 'differs', added: ['0099_drop.sql'] });
    expect(diff.sentence).toBe('The candidate adds 0099_drop.sql in reference-server/db/migrations: each build ran on its own schema, so the change is measured.');
  });
  it('a migration changed or removed: not refused, naming them', () => {
    const diff = diffMigrations(base, new Map([['0000_a.sql', 'other']]));
    expect(diff).toMatchObject({ schema: 'differs', changed: ['0000_a.sql'], removed: ['0001_b.sql'] });
    expect(diff.sentence).toMatch(/^The candidate changes 0000_a\.sql; removes 0001_b\.sql in reference-server\/db\/migrations: each build ran on its own schema/);
  });
});

describe('probeChecks (0 tolerance)', () => {
  const sample = (base: number[], candidate: number[]) => ({ comparison: 'orders-with-items', variant: 'optimized' as const, requests: base.map(() => 'GET /orders '), base: answers(...base), candidate: answers(...candidate), deferred: { base: 0, candidate: 0 } });
  it('the same counts pass', () => expect(probeChecks([sample([1, 1, 2], [1, 1, 2])])[0]).toMatchObject({ status: 'pass', change: 0 }));
  it('one statement more in one request of four fails', () => {
    expect(probeChecks([sample([1, 1, 1, 1], [1, 1, 2, 1])])[0]).toMatchObject({ status: 'fail', change: 0.25, baseline: 1, candidate: 1.25 });
  });
  it('an error where the base succeeded fails', () => {
    const [check] = probeChecks([{ ...sample([1], [1]), candidate: [{ status: 500, queries: 1, body: null }] }]);
    expect(check).toMatchObject({ status: 'fail', evidence: 'orders-with-items optimized: request 1 answered 500 on the candidate, 200 on the base' });
  });
  it('no 2xx on either side: inconclusive', () => {
    const failing = [{ status: 503, queries: 0, body: null }];
    expect(probeChecks([{ ...sample([], []), base: failing, candidate: failing }])[0]?.status).toBe('inconclusive');
  });
});

describe('pairedLogRatio', () => {
  it('a constant 20% slowdown in every pair: estimate 1.2, a zero-width interval', () => {
    const r = pairedLogRatio([[100, 120], [50, 60], [200, 240]]);
    expect(r?.estimate).toBeCloseTo(1.2, 10);
    expect(r?.interval[0]).toBeCloseTo(1.2, 10);
  });
  it('pairing cancels the drift between rounds that an unpaired comparison would carry', () => {
    const r = pairedLogRatio([[100, 101], [200, 202], [400, 404]]);
    expect(r?.interval[1]).toBeLessThan(1.02);
  });
  it('null below 2 pairs', () => expect(pairedLogRatio([[1, 2]])).toBeNull());
});

describe('pairedAbsoluteChecks', () => {
  it('a candidate optimized path that completed no request in any round, where the base did in each, fails every figure', async () => {
    const { pairedAbsoluteChecks } = await import('./paired-absolute-checks.ts');
    const { cleanResults, editRuns } = await import('../test-support/gate-fixtures.ts');
    const base = cleanResults();
    const starved = editRuns(base, (r) => r.comparison === 'product-detail-cache' && r.variant === 'optimized', (r) => ({ ...r, requests: 0, succeeded: 0, throughput: 0 }));
    const checks = pairedAbsoluteChecks(base, starved, 0.1).filter((c) => c.comparison === 'product-detail-cache');
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.status === 'fail' && c.evidence.startsWith('the candidate completed no request in any of its'))).toBe(true);
    expect(pairedAbsoluteChecks(base, base, 0.1).every((c) => c.status !== 'fail')).toBe(true);
  });
});

describe('parityChecks (naive = optimized, 0 tolerance)', () => {
  const read = (...bodies: string[]) => bodies.map((body) => ({ status: 200, queries: 1, body }));
  const pair = (naive: { base: string[]; candidate: string[] }, optimized: { base: string[]; candidate: string[] }, requests = naive.base.map((_, i) => `GET /catalog?page=${i} `)): ProbeSample[] => [
    { comparison: 'catalog-kv', variant: 'naive', requests, base: read(...naive.base), candidate: read(...naive.candidate), deferred: { base: 0, candidate: 0 } },
    { comparison: 'catalog-kv', variant: 'optimized', requests, base: read(...optimized.base), candidate: read(...optimized.candidate), deferred: { base: 0, candidate: 0 } },
  ];
  it('byte-equal variants on both builds pass', () => {
    expect(parityChecks(pair({ base: ['a', 'b'], candidate: ['a', 'b'] }, { base: ['a', 'b'], candidate: ['a', 'b'] }))).toMatchObject([{ status: 'pass', baseline: 2, candidate: 2, evidence: 'naive and optimized byte-equal on both builds for 2 of 2 requests' }]);
  });
  it('an optimized answer that no longer matches the naive one fails, naming the request', () => {
    const [check] = parityChecks(pair({ base: ['a', 'b'], candidate: ['a', 'b'] }, { base: ['a', 'b'], candidate: ['a', 'x'] }));
    expect(check).toMatchObject({ status: 'fail', baseline: 2, candidate: 1, evidence: 'request 2 of catalog-kv: naive and optimized now answer different bodies; on the base they were byte-equal' });
  });
  it('variants that differ on the base too are not the change: pass, said', () => {
    const [check] = parityChecks(pair({ base: ['a', 'b'], candidate: ['a', 'b'] }, { base: ['a', 'y'], candidate: ['a', 'y'] }));
    expect(check).toMatchObject({ status: 'pass', evidence: 'naive and optimized byte-equal on both builds for 1 of 2 requests; 1 differ on the base too (not this change)' });
  });
  it('writes are not compared', () => {
    const writes = pair({ base: ['a'], candidate: ['a'] }, { base: ['a'], candidate: ['a'] }, ['POST /imports/products {}']).map((s) => ({ ...s, base: s.base.map((a) => ({ ...a, body: null })), candidate: s.candidate.map((a) => ({ ...a, body: null })) }));
    expect(parityChecks(writes)).toMatchObject([{ status: 'not-compared', evidence: 'not compared: its requests are writes, whose bodies carry generated ids' }]);
  });
});

describe('deferredChecks (0 tolerance)', () => {
  const sample = (base: number | null, candidate: number | null): ProbeSample => ({ comparison: 'bulk-import', variant: 'optimized', requests: ['POST /imports/products {}', 'POST /imports/products {}'], base: answers(4, 4), candidate: answers(4, 4), deferred: { base, candidate } });
  it('no job on either build: no check', () => expect(deferredChecks([sample(0, 0)])).toEqual([]));
  it('the same count passes, a rise fails', () => {
    expect(deferredChecks([sample(18, 18)])).toMatchObject([{ status: 'pass', baseline: 9, candidate: 9 }]);
    expect(deferredChecks([sample(18, 20)])).toMatchObject([{ status: 'fail', baseline: 9, candidate: 10, evidence: 'bulk-import optimized: its jobs now run 10 statements per request, 9 before' }]);
  });
});
