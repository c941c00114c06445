import { describe, expect, it } from 'vitest';
import { replicaNotices, replicaRunLine } from './replica-report.ts';
import { lagFigures, type ReplicaRunFigures } from './replica-watch.ts';

const run = (variant: string, primaryMs: number, replicaMs: number, maxBytes = 2048): ReplicaRunFigures => ({
  variant,
  repeat: 1,
  requests: 100,
  primary: { statements: primaryMs * 10, execMs: primaryMs, rows: 1, blocks: 20 },
  replica: { statements: replicaMs * 10, execMs: replicaMs, rows: 1, blocks: 20 },
  cpuMs: { primary: primaryMs * 20, replica: replicaMs * 20 },
  lag: { samples: 10, maxBytes, meanMs: 2, maxMs: 5 },
});

describe('replica figures in the report', () => {
  it('states the share of primary execution time moved to the standby, from the means over runs', () => {
    const notices = replicaNotices([run('naive', 0.2, 0), run('optimized', 0.04, 0.16), run('naive', 0.1, 0), run('optimized', 0.02, 0.08)]);
    expect(notices[1]).toBe("read-replica: the optimized side moved 80% of the primary's execution time per request to the standby (0.150 → 0.030 ms) and 1.20 of its statements per request.");
    expect(notices[0]).toMatch(/^read-replica, per request .*naive: primary 1\.50 stmt, 0\.150 ms exec.*optimized: primary 0\.30 stmt, 0\.030 ms exec.*replica 1\.20 stmt/);
    expect(notices[2]).toBe("read-replica: the primary's processes used 3.00 ms of CPU per request (naive) vs 0.60 ms (optimized), 80% less; the standby's 2.40 ms (user + system time from /proc, all of each cluster's processes).");
    expect(notices.slice(3)).toEqual([
      'read-replica naive: replication lag while measured: lag ≤ 2.0 kB behind, replay_lag mean 2.0 ms, max 5.0 ms (physical streaming standby, sampled every 200 ms).',
      'read-replica optimized: replication lag while measured: lag ≤ 2.0 kB behind, replay_lag mean 2.0 ms, max 5.0 ms (physical streaming standby, sampled every 200 ms).',
    ]);
  });

  it('says nothing when no read-replica run was watched, and n/a without pg_stat_statements', () => {
    expect(replicaNotices([])).toEqual([]);
    expect(replicaRunLine({ requests: 5, primary: null, replica: null, cpuMs: { primary: null, replica: null }, lag: lagFigures([]) })).toBe(
      'primary n/a (no pg_stat_statements) · replica n/a (no pg_stat_statements) · lag not sampled (standby not streaming?)',
    );
  });

  it('takes the largest bytes behind and the mean and max replay_lag of the samples that had one', () => {
    expect(lagFigures([{ bytes: 10, ms: null }, { bytes: 4096, ms: 3 }, { bytes: 0, ms: 1 }])).toEqual({ samples: 3, maxBytes: 4096, meanMs: 2, maxMs: 3 });
    expect(lagFigures([{ bytes: 0, ms: null }])).toEqual({ samples: 1, maxBytes: 0, meanMs: null, maxMs: null });
  });
});
