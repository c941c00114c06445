import { z } from 'zod';
import { refuseUnknownTenant } from '../auth/unknown-tenant.ts';
import { importedProducts } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { enqueueImport } from '../jobs/import-jobs.ts';
import { checkRows, importBody, MAX_IMPORT_ROWS, type ImportRow } from '../jobs/import-rows.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key must be 1 to 200 visible ASCII characters')
  .optional();

/** `POST /imports/products` with `{ rows: [{ sku, name, priceCents, stock }] }` and an optional `Idempotency-Key`. */
export const input = z
  .object({ body: z.unknown(), idempotencyKey })
  .transform(({ body, idempotencyKey }) => ({ rows: acceptRows(body), idempotencyKey }));

export type Input = z.infer<typeof input>;

/**
 * 3 statements per row (BEGIN, INSERT, COMMIT), one transaction each, and the client waits for all
 * of them. A timed-out request stops at once (the row in flight is cancelled and rolls back): the rows
 * committed so far stay (each was its own transaction) and the 503 says how many, so "timed out" never hides a write that goes on.
 */
export async function naive({ db, principal, signal }: Ctx, { rows }: Input): Promise<Reply> {
  let imported = 0;
  let written = 0;
  const timedOut = () => {
    const message = `request timed out after ${written} of ${rows.length} rows (${imported} imported); the rest were not written`;
    return new HttpError(503, 'timeout', message, { imported, written, total: rows.length });
  };
  for (const row of rows) {
    if (signal?.aborted) throw timedOut();
    try {
      const inserted = await refuseUnknownTenant(() =>
        db.transaction((tx) =>
          tx
            .insert(importedProducts)
            .values({ tenantId: principal.tenantId, ...row })
            .onConflictDoNothing({ target: [importedProducts.tenantId, importedProducts.sku] })
            .returning({ id: importedProducts.id }),
        ),
      );
      imported += inserted.length;
      written += 1;
    } catch (error) {
      // the deadline cancelled the row in flight: its transaction rolled back, the count above is exact
      if (signal?.aborted) throw timedOut();
      throw error;
    }
  }
  return { status: 201, body: { imported } };
}

/** 4 statements at any size (BEGIN, job row, queue row, COMMIT); a worker loads 1000-row batches in the background. */
export async function optimized({ sql, boss, principal }: Ctx, { rows, idempotencyKey }: Input): Promise<Reply> {
  if (!boss) throw new HttpError(503, 'queue_unavailable', 'the import queue is not running');
  const { job } = await refuseUnknownTenant(() => enqueueImport(sql, boss, { tenantId: principal.tenantId, rows, idempotencyKey }));
  return { status: 202, body: { jobId: job.id, status: job.status }, headers: { location: `/jobs/${job.id}` } };
}

export default defineComparison<Input>('bulk-import', { input, naive, optimized });

/** 400 for a body that is not `{ rows: [...] }`, 413 past 5000 rows, 422 listing every refused row. */
function acceptRows(body: unknown): ImportRow[] {
  const envelope = importBody.safeParse(body);
  if (!envelope.success) throw new HttpError(400, 'invalid_input', 'body: expected a JSON object { rows: [...] }');
  const { rows } = envelope.data;
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new HttpError(413, 'too_many_rows', `rows: ${rows.length} rows exceed the limit of ${MAX_IMPORT_ROWS} per request`);
  }
  if (rows.length === 0) throw new HttpError(422, 'invalid_rows', 'rows: at least one row is required', []);
  const check = checkRows(rows);
  if (!check.ok) {
    throw new HttpError(422, 'invalid_rows', `${check.refused} row(s) refused; first: row ${check.issues[0]!.row}: ${check.issues[0]!.issue}`, check.issues);
  }
  return check.rows;
}
