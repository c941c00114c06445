import type { Sql } from 'postgres';
import { z } from 'zod';
import { toIsoTimestamp } from '../db/client.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** Rows per fetch from the server-side cursor: memory per export stays at about this many rows. */
export const EXPORT_BATCH_ROWS = 1000;
const CONTENT_TYPE = 'application/json; charset=utf-8';

/** `GET /orders/export`: every order of the caller's tenant, oldest id first, as one JSON array. */
export const input = z.object({}).transform(() => ({}));
export type Input = z.infer<typeof input>;

interface ExportRow {
  id: number;
  customerId: number;
  status: string;
  totalCents: number;
  itemQuantity: number;
  createdAt: string;
}

function exportQuery(sql: Sql, tenantId: number) {
  return sql<ExportRow[]>`
    SELECT id, customer_id AS "customerId", status, total_cents AS "totalCents", item_quantity AS "itemQuantity", created_at AS "createdAt"
    FROM orders WHERE tenant_id = ${tenantId} ORDER BY id`;
}

const withIsoDate = (row: ExportRow): ExportRow => ({ ...row, createdAt: toIsoTimestamp(row.createdAt) });

/** 1 statement: every row loaded into memory, then the whole array stringified, sent as one chunk (peak memory grows with the tenant). */
export async function naive({ sql, principal }: Ctx): Promise<Reply> {
  const rows = await exportQuery(sql, principal.tenantId);
  const text = JSON.stringify(rows.map(withIsoDate));
  return { stream: { contentType: CONTENT_TYPE, chunks: oneChunk(text) } };
}

/**
 * 1 statement read through a server-side cursor, EXPORT_BATCH_ROWS rows at a time, each batch
 * stringified and written before the next is fetched (the first batch is fetched before the
 * headers, so a failing query is still an error status). Same bytes as naive.
 */
export async function optimized({ sql, principal }: Ctx): Promise<Reply> {
  const batches = cursorBatches(sql, exportQuery(sql, principal.tenantId), EXPORT_BATCH_ROWS);
  const first = await batches.next();
  return { stream: { contentType: CONTENT_TYPE, chunks: jsonArray(first, batches) } };
}

export default defineComparison<Input>('export-stream', { input, naive, optimized });

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

/** `[` + rows joined by `,` + `]`, batch by batch: byte-equal to JSON.stringify of the whole array. */
async function* jsonArray(first: IteratorResult<ExportRow[]>, rest: AsyncIterator<ExportRow[]>): AsyncGenerator<string> {
  let opened = false;
  try {
    for (let batch = first; !batch.done; batch = await rest.next()) {
      const text = batch.value.map((row) => JSON.stringify(withIsoDate(row))).join(',');
      if (text === '') continue;
      yield `${opened ? ',' : '['}${text}`;
      opened = true;
    }
    yield opened ? ']' : '[]';
  } finally {
    await rest.return?.();
  }
}

/**
 * The query's rows, `size` at a time, from a server-side cursor, fetched only as fast as they
 * are read. postgres.js's callback form of `.cursor()` is used because its query still settles
 * when the last row is in (so it is counted like any statement; the iterator form never
 * settles); returning `sql.CLOSE` when the reader stops closes the portal.
 */
function cursorBatches(sql: Sql, query: ReturnType<typeof exportQuery>, size: number): AsyncIterator<ExportRow[]> {
  let wake: (() => void) | null = null;
  let stopped = false;
  const stream = new ReadableStream<ExportRow[]>(
    {
      start(controller) {
        query
          .cursor(size, async (rows) => {
            if (stopped) return sql.CLOSE;
            controller.enqueue(rows);
            if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (wake = resolve));
            return stopped ? sql.CLOSE : undefined;
          })
          // a cancelled stream is already closed: nothing is left to tell the reader
          .then(() => stopped || controller.close(), (error: unknown) => stopped || controller.error(error));
      },
      pull() {
        wake?.();
        wake = null;
      },
      cancel() {
        stopped = true;
        wake?.();
      },
    },
    { highWaterMark: 1 },
  );
  return stream.values();
}
