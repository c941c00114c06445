import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import type { Row, TableSource } from './generate/index.ts';

const ROWS_PER_CHUNK = 2_000;
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY text format: backslash, tab and line breaks escaped, null as `\N`. */
export function encodeRow(row: Row): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    if (i > 0) line += '\t';
    if (value === null || value === undefined) line += '\\N';
    else if (typeof value === 'number') line += String(value);
    else line += NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
  }
  return line + '\n';
}

function escapeChar(c: string): string {
  return c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r';
}

/** Rows as text chunks of a few thousand lines: big enough to amortise stream overhead, small enough to keep memory flat. */
function* chunks(source: TableSource, onChunk: (rows: number, text: string) => void): Generator<string> {
  let text = '';
  let rows = 0;
  for (const row of source.rows()) {
    text += encodeRow(row);
    if (++rows === ROWS_PER_CHUNK) {
      onChunk(rows, text);
      yield text;
      text = '';
      rows = 0;
    }
  }
  if (rows > 0) {
    onChunk(rows, text);
    yield text;
  }
}

/**
 * Streams one table into Postgres with COPY FREEZE (the table was truncated in the same
 * transaction), hashing every line into `checksum`. Returns the row count.
 */
export async function copyTable(
  tx: postgres.TransactionSql,
  source: TableSource,
  checksum: Hash,
  onRows: (rows: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  let total = 0;
  checksum.update(`${source.table}\n`);
  const columns = source.columns.map((c) => `"${c}"`).join(', ');
  const writable = await tx.unsafe(`COPY "${source.table}" (${columns}) FROM STDIN WITH (FREEZE)`).writable();
  const readable = Readable.from(
    chunks(source, (rows, text) => {
      checksum.update(text);
      total += rows;
      onRows(total);
    }),
    { objectMode: false },
  );
  await pipeline(readable, writable, signal ? { signal } : {});
  return total;
}
