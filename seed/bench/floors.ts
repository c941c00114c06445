import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import { encodeRow } from '../copy-table.ts';
import { tableSources } from '../generate/index.ts';
import type { Plan } from '../plan.ts';

export interface Timed {
  rows: number;
  seconds: number;
}

/**
 * The server-side floor: `rows` product-shaped rows made by generate_series inside Postgres,
 * no client, no network, into a table with only its primary key. Dropped afterwards.
 */
export async function generateSeriesFloor(sql: postgres.Sql, rows: number): Promise<Timed> {
  await sql`DROP TABLE IF EXISTS bench_seed_series`;
  await sql`CREATE TABLE bench_seed_series (LIKE products INCLUDING DEFAULTS)`;
  try {
    const started = performance.now();
    await sql`
      INSERT INTO bench_seed_series (id, tenant_id, sku, name, description, price_cents, stock, created_at, updated_at)
      SELECT g, 1 + g % 8, 'SKU-' || g, md5(g::text), md5(g::text) || md5((g + 1)::text), g % 50000, g % 500,
        timestamptz '2024-10-01' + g * interval '1 second', timestamptz '2024-10-01' + g * interval '1 second'
      FROM generate_series(1, ${rows}) AS g`;
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await sql`DROP TABLE IF EXISTS bench_seed_series`;
  }
}

/**
 * The pure load cost: the seeder's own rows, generated into memory first (timed apart), then
 * COPYed into index-free copies of their tables. Only the COPYs count as load time.
 */
export async function copyFloor(sql: postgres.Sql, plan: Plan): Promise<{ generate: Timed; copy: Timed }> {
  const generateStarted = performance.now();
  const tables = tableSources(plan).map((source) => {
    const chunks: string[] = [];
    let text = '';
    let rows = 0;
    for (const row of source.rows()) {
      text += encodeRow(row);
      if (++rows % 2000 === 0) {
        chunks.push(text);
        text = '';
      }
    }
    chunks.push(text);
    return { source, chunks, rows };
  });
  const total = tables.reduce((n, t) => n + t.rows, 0);
  const generate = { rows: total, seconds: (performance.now() - generateStarted) / 1000 };
  let seconds = 0;
  for (const { source, chunks } of tables) {
    const copy = `bench_seed_copy_${source.table}`;
    await sql.unsafe(`DROP TABLE IF EXISTS "${copy}"`);
    await sql.unsafe(`CREATE TABLE "${copy}" (LIKE "${source.table}" INCLUDING DEFAULTS)`);
    try {
      const started = performance.now();
      const columns = source.columns.map((c) => `"${c}"`).join(', ');
      const writable = await sql.unsafe(`COPY "${copy}" (${columns}) FROM STDIN`).writable();
      await pipeline(Readable.from(chunks), writable);
      seconds += (performance.now() - started) / 1000;
    } finally {
      await sql.unsafe(`DROP TABLE IF EXISTS "${copy}"`);
    }
  }
  return { generate, copy: { rows: total, seconds } };
}
