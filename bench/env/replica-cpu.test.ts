import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { clusterCpuTicks, cpuMsBetween, cpuTicksOf } from './replica-cpu.ts';
import { replicaUnavailableReason } from './replica.ts';

const databaseUrl = inject('databaseUrl');
const notLocal = requireOrSkip('a Postgres on this machine', (await replicaUnavailableReason(databaseUrl)) === null);

describe('CPU of a cluster from /proc', () => {
  it('reads utime + stime past a command name holding spaces and parentheses', () => {
    const stat = '4242 (postgres: a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 1 0 12345 0 0';
    expect(cpuTicksOf(stat)).toBe(325);
  });

  it('sums the ticks each process gained, counting a process started in between whole, in ms', () => {
    expect(cpuMsBetween(new Map([[1, 100], [2, 50]]), new Map([[1, 130], [2, 50], [3, 7]]))).toBe(370);
  });

  it.skipIf(notLocal)("finds the test cluster's own processes (cwd = its data directory), and their CPU grows with work", async () => {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const before = (await clusterCpuTicks(sql))!;
      const [me] = await sql<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      expect(before.has(me!.pid)).toBe(true);
      await sql`SELECT count(*) FROM generate_series(1, 3000000)`;
      const after = (await clusterCpuTicks(sql))!;
      expect(cpuMsBetween(before, after)).toBeGreaterThan(0);
    } finally {
      await sql.end();
    }
  });
});
