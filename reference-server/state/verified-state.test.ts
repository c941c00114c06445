import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { ensureBaseline } from './restore-writes.ts';
import { stateChecksum } from './state-checksum.ts';
import { quietXidHorizon, restoreAndVerify, type VerifiedState } from './verified-state.ts';

let scratch: ScratchDatabase;
let sql: postgres.Sql;
beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), { seed: true });
  sql = postgres(scratch.url, { max: 2, onnotice: () => {} });
  await ensureBaseline(sql);
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await scratch?.drop();
});

describe('restoreAndVerify: the checksum is carried over only when no transaction wrote', () => {
  it('rescans after any write, so a change the restore does not undo is caught', async () => {
    const first = await restoreAndVerify(sql, null);
    expect(first.unchanged).toBe(false);
    expect(first.verified?.checksum).toBe(first.checksum);
    // a row no restore removes: only a rescan can see it
    await sql`INSERT INTO kv_store (key, value) VALUES ('intruder', '{}'::jsonb)`;
    const changed = await restoreAndVerify(sql, first.verified);
    expect(changed.unchanged).toBe(false);
    expect(changed.checksum).not.toBe(first.checksum);
    await sql`DELETE FROM kv_store WHERE key = 'intruder'`;
    // an update the restore does undo: rescanned, and back to the first checksum
    await sql`UPDATE products SET stock = stock + 1 WHERE id = (SELECT min(id) FROM products)`;
    const restored = await restoreAndVerify(sql, changed.verified);
    expect(restored).toMatchObject({ unchanged: false, checksum: first.checksum });
    expect(restored.restored.products).toBe(1);
  });

  it('a horizon recorded while a writer still runs is never compared against', async () => {
    const writer = await sql.reserve();
    try {
      await writer`BEGIN`;
      await writer`UPDATE products SET stock = stock WHERE id = (SELECT min(id) FROM products)`;
      expect(await quietXidHorizon(sql)).toBeNull();
      const during = await restoreAndVerify(sql, null);
      expect(during.verified).toBeNull();
      await writer`ROLLBACK`;
    } finally {
      writer.release();
    }
  });

  it('answers the last checksum without a scan when no transaction was given an id since', async () => {
    // the test cluster is shared with other files that write (a seed holds a transaction id for
    // seconds): a quiet moment comes within a few tries, or within 30 s of 100 ms pauses
    let last: VerifiedState | null = (await restoreAndVerify(sql, null)).verified;
    let carried = false;
    for (let attempt = 0; attempt < 300 && !carried; attempt++) {
      if (attempt >= 20) await new Promise((resolve) => setTimeout(resolve, 100));
      await sql`SELECT count(*) FROM products`;
      const next = await restoreAndVerify(sql, last);
      carried = next.unchanged;
      if (carried) expect(next).toMatchObject({ checksum: last?.checksum, restored: { products: 0, importedRows: 0, jobs: 0 } });
      last = next.verified;
    }
    expect(carried).toBe(true);
  });

  it('takes the same checksum on a connection whose last query was cancelled mid-result', async () => {
    const before = (await restoreAndVerify(sql, null)).checksum;
    const connection = await sql.reserve();
    const cancelMidResult = async () => {
      const stream = connection`SELECT generate_series(1, 5000000) AS g, repeat('x', 200) AS pad`;
      // cancelled once rows are arriving (unpatched postgres.js kept its row index for the next result)
      setTimeout(() => void stream.cancel(), 300);
      await stream.catch(() => undefined);
    };
    try {
      await cancelMidResult();
      expect(await stateChecksum(connection)).toBe(before);
      // patches/postgres+3.4.9.patch: the next result starts at index 0 again
      await cancelMidResult();
      expect(await connection`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      connection.release();
    }
  });
});
