import { afterEach, describe, expect, it } from 'vitest';
import { startGeneratorThread, type GeneratorThread } from './generator-thread.ts';
import { buildPlan } from './plan.ts';

/** A chunk is 2 000 rows; the widest rows (products with a description) stay well under 1 MiB a chunk. */
const ONE_CHUNK = 1024 * 1024;
const LOOKAHEAD = 256 * 1024;

let thread: GeneratorThread | null = null;
afterEach(async () => {
  await thread?.stop();
  thread = null;
});

/** Polls `read` until it stays the same for `quietMs` or `bail` says stop; returns the last value. */
async function settle(read: () => number, bail: (value: number) => boolean, quietMs = 1500, timeoutMs = 40_000): Promise<number> {
  const started = Date.now();
  let last = read();
  let since = Date.now();
  while (Date.now() - started < timeoutMs && !bail(last)) {
    await new Promise((r) => setTimeout(r, 100));
    const now = read();
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since >= quietMs) break;
  }
  return last;
}

describe('generator thread', () => {
  // the bound is what keeps the seeder's memory flat in scale: with it unenforced, the thread ran the whole
  // data set ahead while Postgres built indexes, and `seed --scale large` peaked at 600 MB RSS
  it('stops producing once its look-ahead waits unread, whatever the size of the data set', async () => {
    thread = startGeneratorThread(buildPlan('default', 42, 20_000, 20_000), LOOKAHEAD);
    const t = thread;
    // nothing is read: first it must fill its look-ahead, then it must stop
    const filled = await settle(() => t.bufferedBytes(), (bytes) => bytes >= LOOKAHEAD, 60_000);
    expect(filled).toBeGreaterThanOrEqual(LOOKAHEAD);
    const held = await settle(() => t.bufferedBytes(), (bytes) => bytes > LOOKAHEAD + ONE_CHUNK);
    expect(held).toBeLessThanOrEqual(LOOKAHEAD + ONE_CHUNK);
  });

  it('resumes when the consumer reads, and delivers every planned product', async () => {
    thread = startGeneratorThread(buildPlan('default', 42, 5_000, 5_000), LOOKAHEAD);
    let products = 0;
    for await (const stream of thread.tables()) {
      for await (const chunk of stream.chunks) if (stream.table === 'products') products += chunk.rows;
      expect(thread.bufferedBytes()).toBeLessThanOrEqual(LOOKAHEAD + ONE_CHUNK);
    }
    expect(products).toBe(5_000);
  });
});
