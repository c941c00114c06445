import { describe, expect, it } from 'vitest';
import { diffMigrations } from './migrations-diff.ts';
import { pairedLogRatio } from './paired-absolute-checks.ts';
import { probeChecks } from './probe-checks.ts';

const answers = (...queries: number[]) => queries.map((q) => ({ status: 200, queries: q }));

describe('diffMigrations', () => {
  const base = new Map([['0000_a.sql', 'h0'], ['0001_b.sql', 'h1']]);
  it('same folders: one schema', () => expect(diffMigrations(base, new Map(base)).action).toBe('same'));
  it('a migration added by the candidate: the base on its own database, said', () => {
    const diff = diffMigrations(base, new Map([...base, ['0099_drop.sql', 'h9']]));
    expect(diff).toMatchObject({ action: 'own-database', added: ['0099_drop.sql'] });
    expect(diff.sentence).toBe('The candidate adds 0099_drop.sql in reference-server/db/migrations: each build ran on its own database in one cluster, migrated and seeded by its own code, so the schema change is measured.');
  });
  it('a migration changed or removed: the base on its own database too, naming them', () => {
    const diff = diffMigrations(base, new Map([['0000_a.sql', 'other']]));
    expect(diff).toMatchObject({ action: 'own-database', changed: ['0000_a.sql'], removed: ['0001_b.sql'] });
    expect(diff.sentence).toMatch(/^The candidate changes 0000_a\.sql; removes 0001_b\.sql in reference-server\/db\/migrations: each build ran on its own database/);
  });
});

describe('probeChecks (0 tolerance)', () => {
  const sample = (base: number[], candidate: number[]) => ({ comparison: 'orders-with-items', variant: 'optimized' as const, base: answers(...base), candidate: answers(...candidate) });
  it('the same counts pass', () => expect(probeChecks([sample([1, 1, 2], [1, 1, 2])])[0]).toMatchObject({ status: 'pass', change: 0 }));
  it('one statement more in one request of four fails', () => {
    expect(probeChecks([sample([1, 1, 1, 1], [1, 1, 2, 1])])[0]).toMatchObject({ status: 'fail', change: 0.25, baseline: 1, candidate: 1.25 });
  });
  it('an error where the base succeeded fails', () => {
    const [check] = probeChecks([{ ...sample([1], [1]), candidate: [{ status: 500, queries: 1 }] }]);
    expect(check).toMatchObject({ status: 'fail', evidence: 'orders-with-items optimized: request 1 answered 500 on the candidate, 200 on the base' });
  });
  it('no 2xx on either side: inconclusive', () => {
    const failing = [{ status: 503, queries: 0 }];
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
