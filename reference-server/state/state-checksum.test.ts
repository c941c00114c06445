import { afterAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../test-support/index.ts';
import { WRITTEN_TABLES, stateChecksum } from './state-checksum.ts';

const runtime = await createTestDeps();
afterAll(() => runtime.close());

describe('stateChecksum', () => {
  it('lists the written tables in one order whatever order the plan returns them in (a parallel append here)', async () => {
    const serial = await stateChecksum(runtime.deps.sql);
    const parallel = await runtime.deps.sql.begin(async (tx) => {
      // every branch of the UNION ALL handed to a parallel worker, as the planner does on a large set
      await tx`SELECT set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true), set_config('min_parallel_table_scan_size', '0', true), set_config('debug_parallel_query', 'on', true)`;
      return stateChecksum(tx);
    });
    expect(serial.split('|').map((part) => part.split(':')[0])).toEqual([...WRITTEN_TABLES]);
    expect(parallel).toBe(serial);
  });
});
