import type { Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

export { encodeRow } from './encode-row.ts';

/** One table as the generator thread delivers it: its columns and its COPY text in chunks. */
export interface TableStream {
  table: string;
  columns: readonly string[];
  estimate: number;
  chunks: AsyncIterable<{ bytes: Uint8Array; rows: number }>;
}

/**
 * Streams one table into Postgres with COPY FREEZE (the table was truncated in the same
 * transaction), hashing every chunk into `checksum`. Returns the row count.
 */
export async function copyTable(
  tx: postgres.TransactionSql,
  stream: TableStream,
  checksum: Hash,
  onRows: (rows: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  let total = 0;
  checksum.update(`${stream.table}\n`);
  const columns = stream.columns.map((c) => `"${c}"`).join(', ');
  const writable = await tx.unsafe(`COPY "${stream.table}" (${columns}) FROM STDIN WITH (FREEZE)`).writable();
  async function* buffers(): AsyncGenerator<Uint8Array> {
    for await (const { bytes, rows } of stream.chunks) {
      checksum.update(bytes);
      total += rows;
      onRows(total);
      yield bytes;
    }
  }
  await pipeline(Readable.from(buffers(), { objectMode: false }), writable, signal ? { signal } : {});
  return total;
}
