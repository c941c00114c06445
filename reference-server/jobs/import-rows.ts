import { z } from 'zod';
import { MAX_PRODUCT_AMOUNT, MAX_PRODUCT_TEXT, productAmount, productText } from '../http/product-fields.ts';

/** Most rows one import request may carry; more is answered 413 before any row is read. */
export const MAX_IMPORT_ROWS = 5000;

/** Bytes one JSON string character can take: any character may be sent as a `\uXXXX` escape. */
const MAX_JSON_BYTES_PER_CHAR = 6;

/**
 * The largest valid import body: MAX_IMPORT_ROWS rows, each SKU and name at the character limit
 * with every character escaped, both amounts at their maximum, in compact JSON. The server's
 * body limit defaults to this figure, so no import within the documented limits is refused for
 * its size (an ASCII body at the limits is about 2.4 MB; pretty-printing one fits as well).
 */
export function maxImportBodyBytes(): number {
  const field = '"'.padEnd(1 + MAX_PRODUCT_TEXT * MAX_JSON_BYTES_PER_CHAR, 'x') + '"';
  const row = `{"sku":${field},"name":${field},"priceCents":${MAX_PRODUCT_AMOUNT},"stock":${MAX_PRODUCT_AMOUNT}}`;
  return '{"rows":[]}'.length + MAX_IMPORT_ROWS * row.length + (MAX_IMPORT_ROWS - 1);
}

/** One product row of a bulk import, as the client sends it. */
export interface ImportRow {
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
}

/** One reason a row was refused; `row` is its 0-based index in the request body. */
export interface RowIssue {
  row: number;
  issue: string;
}

const rowSchema = z.strictObject({ sku: productText, name: productText, priceCents: productAmount, stock: productAmount });

/** The envelope only: `{ rows: [...] }` with any row content; rows are checked one by one below. */
export const importBody = z.strictObject({ rows: z.array(z.unknown()) });

/** `issues` lists the first 100 refused rows; `refused` counts them all. */
export type RowCheck = { ok: true; rows: ImportRow[] } | { ok: false; issues: RowIssue[]; refused: number };

/**
 * Validates every row and reports each bad one with its index, so a client can fix a 5000-row
 * file in one round trip. A SKU repeated within the body is refused as well: two rows that
 * claim the same (tenant, sku) have no single correct outcome.
 */
export function checkRows(input: readonly unknown[]): RowCheck {
  const issues: RowIssue[] = [];
  const rows: ImportRow[] = [];
  const firstRowOfSku = new Map<string, number>();
  input.forEach((raw, index) => {
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const field = first?.path.join('.') || 'row';
      issues.push({ row: index, issue: `${field}: ${first?.message ?? 'invalid'}` });
      return;
    }
    const earlier = firstRowOfSku.get(parsed.data.sku);
    if (earlier !== undefined) {
      issues.push({ row: index, issue: `sku: duplicates row ${earlier}` });
      return;
    }
    firstRowOfSku.set(parsed.data.sku, index);
    rows.push(parsed.data);
  });
  return issues.length > 0 ? { ok: false, issues: issues.slice(0, 100), refused: issues.length } : { ok: true, rows };
}
