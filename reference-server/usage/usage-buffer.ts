import type { Cache } from '../cache/index.ts';

/** The hash every request increments: field `<tenantId>:<metric>` → count since the last flush began. */
export const PENDING_KEY = 'usage:pending';
/** The batch a flush is writing: the pending hash renamed, plus its `__batch` id. At most one exists. */
export const FLUSHING_KEY = 'usage:flushing';
const BATCH_FIELD = '__batch';

const RECORD = `return redis.call('HINCRBY', KEYS[1], ARGV[1], 1)`;

// an unfinished batch (its flusher died, or another instance is writing it) is handed out again
// before a new one is cut: its id is what makes applying it twice a no-op
const TAKE = `
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '${BATCH_FIELD}', ARGV[1])
end
return redis.call('HGETALL', KEYS[2])`;

const ACK = `
if redis.call('HGET', KEYS[1], '${BATCH_FIELD}') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** One flush's worth of counts, named by the id its first taker gave it. */
export interface UsageBatch {
  id: string;
  counts: { tenantId: number; metric: string; count: number }[];
}

/** Adds 1 to the tenant's metric in Redis: 1 round trip (a one-line script: HINCRBY on the pending hash). */
export async function recordUsage(cache: Cache, tenantId: number, metric: string): Promise<void> {
  await cache.runScript(RECORD, [PENDING_KEY], [`${tenantId}:${metric}`]);
}

/**
 * Cuts the pending counts into a batch (atomically: RENAME, so a request's increment lands
 * either in this batch or in the next pending hash, never in both or neither), or hands back the
 * unfinished batch if there is one. Null when nothing is pending.
 */
export async function takeBatch(cache: Cache, newId: string): Promise<UsageBatch | null> {
  const flat = (await cache.runScript(TAKE, [PENDING_KEY, FLUSHING_KEY], [newId])) as string[];
  if (flat.length === 0) return null;
  let id = newId;
  const counts: UsageBatch['counts'] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const field = flat[i] as string;
    const value = flat[i + 1] as string;
    if (field === BATCH_FIELD) id = value;
    else counts.push({ tenantId: Number(field.slice(0, field.indexOf(':'))), metric: field.slice(field.indexOf(':') + 1), count: Number(value) });
  }
  counts.sort((a, b) => a.tenantId - b.tenantId || a.metric.localeCompare(b.metric));
  return { id, counts };
}

/** Deletes the flushing batch once its counts are committed; a batch another flusher already replaced is left alone. */
export async function ackBatch(cache: Cache, id: string): Promise<void> {
  await cache.runScript(ACK, [FLUSHING_KEY], [id]);
}

/** Drops every count not yet flushed (the harness's reset: the next run starts from the restored rows only). */
export async function discardPending(cache: Cache): Promise<void> {
  await cache.del(PENDING_KEY, FLUSHING_KEY);
}
