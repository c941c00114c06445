import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { requireOrSkip } from '../test-support/test-requirements.ts';
import { listenApi, type RunningServer } from '../../reference-server/server.ts';
import { testConfig } from '../../reference-server/test-support/index.ts';
import { readFixtures } from '../../seed/fixtures-schema.ts';
import { ReplicaUnavailableError, replicaUnavailableReason, startStreamingReplica, type ReplicaHandle } from './replica.ts';
import { waitForReplay } from './replica-lag.ts';
import { readReplicaSkipReason } from './replica-skip.ts';

const primaryUrl = inject('databaseUrl');
const unavailable = await replicaUnavailableReason(primaryUrl);
const noStandby = requireOrSkip(`a standby of the test Postgres (${unavailable})`, unavailable === null);
const slot = `perflab_env_test_${process.pid}`;

let standby: ReplicaHandle;
let primary: postgres.Sql;

beforeAll(async () => {
  primary = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  if (!noStandby) standby = await startStreamingReplica(primaryUrl, { slot });
});
afterAll(async () => {
  await standby?.stop();
  await primary.end();
});

describe.skipIf(noStandby)('a physical streaming standby of the embedded primary', () => {
  it('streams under its own slot, in recovery, and replays a write within a bounded wait', async () => {
    const [sender] = await primary<{ state: string }[]>`SELECT state FROM pg_stat_replication WHERE application_name = ${slot}`;
    expect(sender?.state).toBe('streaming');
    const replica = postgres(standby.url, { max: 1, onnotice: () => {} });
    try {
      expect((await replica<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r).toBe(true);
      const table = `replica_probe_${process.pid}`;
      await primary.unsafe(`CREATE TABLE ${table} (n int); INSERT INTO ${table} VALUES (42)`);
      await waitForReplay(primary, replica, 10_000);
      expect(await replica.unsafe(`SELECT n FROM ${table}`)).toEqual([{ n: 42 }]);
      await expect(replica.unsafe(`INSERT INTO ${table} VALUES (1)`)).rejects.toThrow(/read-only transaction/);
      await primary.unsafe(`DROP TABLE ${table}`);
    } finally {
      await replica.end();
    }
  });

  it('refuses a slot name Postgres would not take, before touching the primary', async () => {
    await expect(startStreamingReplica(primaryUrl, { slot: 'Bad-Name' })).rejects.toThrow(ReplicaUnavailableError);
  });

  it('lets the harness run read-replica against an API that has the standby: no skip line', async () => {
    const url = new URL(standby.url);
    const server = await listenApi(testConfig({ replicaUrl: url.toString(), port: 0, host: '127.0.0.1' }));
    try {
      expect(await readReplicaSkipReason({ baseUrl: server.url, fixtures: await readFixtures(inject('fixturesPath')), replica: null })).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('stop() shuts the standby down, removes its data dir and drops its slot', async () => {
    const own = await startStreamingReplica(primaryUrl, { slot: `${slot}_b` });
    const [row] = await primary<{ dir: string }[]>`SELECT current_setting('data_directory') AS dir`;
    const dataDir = `${row!.dir}-${`${slot}_b`.replaceAll('_', '-')}`;
    expect(existsSync(dataDir)).toBe(true);
    await own.stop();
    expect(existsSync(dataDir)).toBe(false);
    expect(await primary`SELECT 1 FROM pg_replication_slots WHERE slot_name = ${`${slot}_b`}`).toHaveLength(0);
  });
});

describe('the harness without a replica', () => {
  it('skips read-replica with one line naming why the standby could not be started', async () => {
    const line = await readReplicaSkipReason({ baseUrl: 'http://127.0.0.1:9', fixtures: await readFixtures(inject('fixturesPath')), replica: { unavailable: "the primary's data directory (/x) is not on this machine" } });
    expect(line).toBe("read-replica skipped: the primary's data directory (/x) is not on this machine");
  });

  it("skips read-replica against an API (--target) that answers 503 'read replica not configured'", async () => {
    let server: RunningServer | null = null;
    try {
      server = await listenApi(testConfig({ port: 0, host: '127.0.0.1' }));
      const line = await readReplicaSkipReason({ baseUrl: server.url, fixtures: await readFixtures(inject('fixturesPath')), replica: null });
      expect(line).toBe(`read-replica skipped: ${server.url} answers 503 "read replica not configured" (start its API with PERFLAB_REPLICA_URL set to a streaming replica)`);
      expect(line).not.toContain('\n');
    } finally {
      await server?.close();
    }
  });
});
