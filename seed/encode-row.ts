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

/** A table's rows as COPY text, a few thousand lines per chunk: big enough to amortise messaging, small enough to keep memory flat. */
export function* encodeChunks(source: TableSource): Generator<{ text: string; rows: number }> {
  let text = '';
  let rows = 0;
  for (const row of source.rows()) {
    text += encodeRow(row);
    if (++rows === ROWS_PER_CHUNK) {
      yield { text, rows };
      text = '';
      rows = 0;
    }
  }
  if (rows > 0) yield { text, rows };
}
