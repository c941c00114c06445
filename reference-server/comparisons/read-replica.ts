import type { PendingQuery, Row, Sql } from 'postgres';
import { z } from 'zod';
import { ROLES, type Principal } from '../auth/token.ts';
import type { Cache } from '../cache/types.ts';
import { HttpError } from '../http/errors.ts';
import { strictJsonObject } from '../http/product-fields.ts';
import { productIdParam } from './product-detail-cache.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/**
 * `POST /products/:id/inventory`: `{}` reads the product's inventory card (a read);
 * `{ stock }` records a stock count first (a write, editor or admin), then answers the card as
 * written. One route carries the mixed load because a comparison has one route.
 */
export const input = z
  .object({ params: z.object({ id: productIdParam }), body: strictJsonObject({ stock: z.number().int().min(0).max(1_000_000).optional() }).optional() })
  .transform(({ params, body }) => ({ id: params.id, stock: body?.stock }));
export type Input = z.infer<typeof input>;

/** What both variants answer. */
export interface InventoryCard {
  id: number;
  sku: string;
  name: string;
  stock: number;
  unitsSold: number;
  reviews: number;
}

/**
 * How long a writer's reads check the replica has replayed its last write. Read-your-writes
 * holds while the replica lags less than this; a replica further behind serves that writer
 * stale reads after it. Not covered either: a write whose cache SET failed (the write stands,
 * its position is lost) and two concurrent writes of one user storing their positions out of order.
 */
export const WRITER_WINDOW_SEC = 60;

/** The cache failed: the writer's last write is unknown, so only the primary is sure to have it. */
const UNKNOWN: unique symbol = Symbol('unknown');

/** 1 statement for a read; 2 for a write (UPDATE, then the card): all on the primary. */
export async function naive({ sql, replica, principal }: Ctx, { id, stock }: Input): Promise<Reply> {
  requireReplica(replica);
  if (stock !== undefined) await writeStock(sql, principal, id, stock);
  return { body: await readCard(sql, principal.tenantId, id) };
}

/**
 * A write: UPDATE + the card with the primary's flushed WAL position, on the primary, and that
 * position kept for the writer (1 cache SET). A read: 1 statement on the replica; an editor's
 * or admin's read first looks up its last write (1 cache GET) and, when the replica has not
 * replayed it yet (checked in the same statement), reads the primary instead (+1 statement).
 */
export async function optimized({ sql, replica, cache, principal }: Ctx, { id, stock }: Input): Promise<Reply> {
  const standby = requireReplica(replica);
  if (stock !== undefined) {
    await writeStock(sql, principal, id, stock);
    const { lsn, ...card } = await readCard(sql, principal.tenantId, id, sql`pg_current_wal_flush_lsn()::text`);
    await cache.set(writerKey(principal), lsn as string, WRITER_WINDOW_SEC).catch(() => {});
    return { body: card };
  }
  const written = principal.role === 'viewer' ? null : await cache.get(writerKey(principal)).catch((): typeof UNKNOWN => UNKNOWN);
  if (written === UNKNOWN) return { body: await readCard(sql, principal.tenantId, id) };
  if (!written) return { body: await readCard(standby, principal.tenantId, id) };
  const { lsn: replayed, ...card } = await readCard(standby, principal.tenantId, id, standby`pg_last_wal_replay_lsn() >= ${written}::pg_lsn`);
  return { body: replayed ? card : await readCard(sql, principal.tenantId, id) };
}

export default defineComparison<Input>('read-replica', { input, naive, optimized });

/** Both variants answer 503 without a replica: the comparison means nothing with one side only. */
function requireReplica(replica: Sql | undefined): Sql {
  if (!replica) throw new HttpError(503, 'replica_unavailable', 'read replica not configured');
  return replica;
}

function writerKey(principal: Principal): string {
  return `replica:written:${principal.tenantId}:${principal.userId}`;
}

async function writeStock(sql: Sql, principal: Principal, id: number, stock: number): Promise<void> {
  if (ROLES.indexOf(principal.role) < ROLES.indexOf('editor')) throw new HttpError(403, 'forbidden', 'recording stock requires role editor or higher');
  const result = await sql`UPDATE products SET stock = ${stock}, updated_at = now() WHERE id = ${id} AND tenant_id = ${principal.tenantId}`;
  if (result.count === 0) throw notFound();
}

/** The card in 1 statement; `extra` is one more column (`lsn`) evaluated on the same server in the same statement. */
async function readCard(sql: Sql, tenantId: number, id: number, extra?: PendingQuery<Row[]>): Promise<InventoryCard & { lsn?: unknown }> {
  const [row] = await sql<(InventoryCard & { lsn?: unknown })[]>`
    SELECT p.id, p.sku, p.name, p.stock,
      (SELECT coalesce(sum(i.quantity), 0)::int FROM order_items i WHERE i.product_id = p.id) AS "unitsSold",
      (SELECT count(*)::int FROM reviews r WHERE r.product_id = p.id) AS reviews
      ${extra ? sql`, ${extra} AS lsn` : sql``}
    FROM products p WHERE p.id = ${id} AND p.tenant_id = ${tenantId}`;
  if (!row) throw notFound();
  return row;
}

function notFound(): HttpError {
  return new HttpError(404, 'not_found', 'product not found');
}
