import { describe, expect, it } from 'vitest';
import { perRequest, statementDelta } from './statement-deltas.ts';
import { statementNotices } from './statement-notices.ts';

describe('pg_stat_statements deltas', () => {
  const before = [
    { key: '1:a', query: 'SELECT * FROM orders LIMIT $1', calls: 10 },
    { key: '1:b', query: 'SELECT * FROM customers WHERE id = $1', calls: 100 },
  ];

  it('sums what each entry ran between the snapshots, new entries whole, most calls first', () => {
    const after = [
      { key: '1:a', query: 'SELECT * FROM orders LIMIT $1', calls: 14 },
      { key: '1:b', query: 'SELECT * FROM customers WHERE id = $1', calls: 140 },
      { key: '1:c', query: 'SELECT * FROM products WHERE id = $1', calls: 120 },
    ];
    const delta = statementDelta(before, after);
    expect(delta.totalCalls).toBe(4 + 40 + 120);
    expect(delta.top.map((s) => s.calls)).toEqual([120, 40, 4]);
    expect(delta.reset).toBe(false);
    expect(perRequest(delta.totalCalls, 4)).toBe(41);
  });

  it('takes a reset entry whole and says the count is a lower bound', () => {
    const delta = statementDelta(before, [{ key: '1:b', query: 'SELECT * FROM customers WHERE id = $1', calls: 7 }]);
    expect(delta).toMatchObject({ totalCalls: 7, reset: true });
    const counted = { delta, requests: 7 };
    expect(statementNotices({ probes: new Map([['naive', counted]]), windows: new Map([['naive', [counted]]]) }, new Map([['naive', 'a.json']])).at(-1)).toMatch(/lower bounds/);
  });

  it('names the N+1 signature when one statement runs several times per request', () => {
    const probe = { delta: statementDelta(before, [{ key: '1:b', query: 'SELECT *\n  FROM customers WHERE id = $1', calls: 130 }]), requests: 10 };
    const window = { delta: statementDelta(before, [{ key: '1:b', query: 'SELECT * FROM customers WHERE id = $1', calls: 134 }]), requests: 10 };
    const [figures, top] = statementNotices({ probes: new Map([['naive', probe]]), windows: new Map([['naive', [window, window]]]) }, new Map([['naive', 'a.json']]));
    expect(figures).toMatch(/one at a time after its warm-up, between two snapshots: a\.json 3\.00\. The measured windows' own deltas per answered request, under load: a\.json 3\.40 \(/);
    expect(figures).toMatch(/Left out: perflab's own snapshot reads/);
    expect(top).toBe('Top statements per request, a.json: 3.00× SELECT * FROM customers WHERE id = $1 — one statement run many times per request is the N+1 signature.');
  });
});
