import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import type { Cache } from '../cache/index.ts';
import { ackBatch, takeBatch, type UsageBatch } from './usage-buffer.ts';

/** What one flush did: counts written (0 when the batch had been applied already), statements sent. */
export interface FlushOutcome {
  batchId: string | null;
  requests: number;
  applied: boolean;
  statements: number;
}

/**
 * Writes a batch's counts into usage_counters exactly once: the batch id goes into usage_flushes
 * in the same transaction as the counts, so a batch whose flusher died after the commit (before
 * its ack) is recognised and skipped when it is handed out again. 4 statements: BEGIN, the
 * batch's id, one upsert of every (tenant, metric) row in key order (no deadlock with another
 * flusher), COMMIT; 3 when the batch was applied before.
 */
export async function applyBatch(sql: Sql, batch: UsageBatch): Promise<{ applied: boolean; statements: number }> {
  const requests = batch.counts.reduce((n, c) => n + c.count, 0);
  return sql.begin(async (tx) => {
    const claimed = await tx`INSERT INTO usage_flushes (batch_id, requests) VALUES (${batch.id}, ${requests}) ON CONFLICT DO NOTHING`;
    if (claimed.count === 0) return { applied: false, statements: 3 };
    await tx`
      INSERT INTO usage_counters (tenant_id, metric, count)
      SELECT * FROM unnest(${batch.counts.map((c) => c.tenantId)}::int[], ${batch.counts.map((c) => c.metric)}::text[], ${batch.counts.map((c) => c.count)}::bigint[])
      ON CONFLICT (tenant_id, metric) DO UPDATE SET count = usage_counters.count + excluded.count`;
    return { applied: true, statements: 4 };
  });
}

/**
 * One flush: take the pending counts (or an unfinished batch), apply them, ack. A crash between
 * any two steps loses nothing: the batch stays in Redis under its id until acked.
 */
export async function flushUsage(sql: Sql, cache: Cache): Promise<FlushOutcome> {
  const batch = await takeBatch(cache, randomUUID());
  if (!batch) return { batchId: null, requests: 0, applied: false, statements: 0 };
  const { applied, statements } = await applyBatch(sql, batch);
  await ackBatch(cache, batch.id);
  return { batchId: batch.id, requests: batch.counts.reduce((n, c) => n + c.count, 0), applied, statements };
}
