import { createHash } from 'node:crypto';
import { join } from 'node:path';
import postgres from 'postgres';
import { DEV_JWT_SECRET } from '../reference-server/auth/token.ts';
import { perflabDir } from '../lib/paths.ts';
import { copyTable } from './copy-table.ts';
import { startGeneratorThread } from './generator-thread.ts';
import { dropDeferred, restoreDeferred, setUserTriggers, type DeferredObject } from './deferred-constraints.ts';
import { countRows, markComplete, markStarted, matchesPlan, plannedFingerprint, readMeta, type Fingerprint } from './fingerprint.ts';
import { writeFixtures } from './fixtures.ts';
import { PRODUCTS_BASELINE_TABLE } from '../reference-server/state/restore-writes.ts';
import { stateChecksum } from '../reference-server/state/state-checksum.ts';
import { fillKvStore } from './kv-store.ts';
import { buildPlan, type Plan, type Scale } from './plan.ts';

export type { Fingerprint } from './fingerprint.ts';
export type { Scale } from './plan.ts';

/** Options of `seedDataset`; `products`/`orders` override the scale's counts. */
export interface SeedOptions {
  scale: Scale;
  seed?: number;
  products?: number;
  orders?: number;
  force?: boolean;
  fixturesPath?: string;
  jwtSecret?: string;
  onProgress?: (p: { table: string; rows: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface SeedResult {
  skipped: boolean;
  fingerprint: Fingerprint;
  fixturesPath: string;
  seconds: number;
}

/** Where the fixtures file goes unless told otherwise. */
export const DEFAULT_FIXTURES_PATH = join(perflabDir, 'fixtures.json');

/** Generated tables plus kv_store: what a load truncates and what the fingerprint counts. */
export const SEEDED_TABLES = [
  'tenants', 'users', 'memberships', 'categories', 'products', 'product_categories', 'customers',
  'orders', 'order_items', 'order_status_history', 'reviews', 'kv_store',
] as const;

/** Any constant will do: it only has to keep two seeders off the same database at once. */
const LOCK_KEY = 0x5eed;

/**
 * Loads a deterministic data set into a migrated database, unless a complete set with the
 * same fingerprint is already there (`force` reloads), then writes the fixtures file.
 * The load is one transaction after a committed "incomplete" marker, so an interrupted
 * seed rolls back and is never mistaken for a complete one.
 * @example
 * await seedDataset(url, { scale: 'tiny', seed: 42, fixturesPath: '/tmp/fixtures.json' });
 */
export async function seedDataset(databaseUrl: string, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const plan = buildPlan(opts.scale, opts.seed ?? 42, opts.products, opts.orders);
  const fixturesPath = opts.fixturesPath ?? DEFAULT_FIXTURES_PATH;
  const jwtSecret = opts.jwtSecret ?? process.env.PERFLAB_JWT_SECRET ?? DEV_JWT_SECRET;
  // one connection: the session advisory lock and the load share it
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, idle_timeout: 0 });
  const abort = () => void sql.end({ timeout: 0 });
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    opts.signal?.throwIfAborted();
    await sql`SELECT pg_advisory_lock(${LOCK_KEY})`;
    const meta = await readMeta(sql);
    let fingerprint: Fingerprint;
    let skipped = false;
    if (!opts.force && matchesPlan(meta, plan) && sameCounts(meta.fingerprint, await countRows(sql, SEEDED_TABLES))) {
      fingerprint = meta.fingerprint;
      skipped = true;
    } else {
      fingerprint = await load(sql, plan, opts);
    }
    opts.signal?.throwIfAborted();
    opts.onProgress?.({ table: 'fixtures', rows: 0, total: 1 });
    await writeFixtures(sql, fingerprint, fixturesPath, jwtSecret);
    opts.onProgress?.({ table: 'fixtures', rows: 1, total: 1 });
    return { skipped, fingerprint, fixturesPath, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    // closing the connection is how an abort interrupts a COPY; report the abort, not the closed socket
    throw opts.signal?.aborted ? opts.signal.reason : error;
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await sql.end({ timeout: 5 });
  }
}

function sameCounts(fingerprint: Fingerprint, actual: Record<string, number>): boolean {
  return SEEDED_TABLES.every((table) => fingerprint.rows[table] === actual[table]);
}

async function load(sql: postgres.Sql, plan: Plan, opts: SeedOptions): Promise<Fingerprint> {
  const planned = plannedFingerprint(plan);
  await markStarted(sql, planned);
  const checksum = createHash('sha256');
  const rows: Record<string, number> = {};
  const progress = opts.onProgress ?? (() => {});
  let fingerprint = planned;
  await sql.begin(async (tx) => {
    // index builds are sorts: give them memory; the one commit at the end need not wait for the disk
    await tx`SET LOCAL maintenance_work_mem = '256MB'`;
    await tx`SET LOCAL synchronous_commit = off`;
    await tx.unsafe(`TRUNCATE ${SEEDED_TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
    // the benchmark's restore baseline described the old rows
    await tx.unsafe(`DROP TABLE IF EXISTS ${PRODUCTS_BASELINE_TABLE}`);
    const deferred = await dropDeferred(tx, SEEDED_TABLES);
    await setUserTriggers(tx, SEEDED_TABLES, false);
    const generator = startGeneratorThread(plan);
    try {
      for await (const stream of generator.tables()) {
        opts.signal?.throwIfAborted();
        const { table } = stream;
        progress({ table, rows: 0, total: stream.estimate });
        const onRows = (n: number) => progress({ table, rows: n, total: Math.max(n, stream.estimate) });
        rows[table] = await copyTable(tx, stream, checksum, onRows, opts.signal);
        progress({ table, rows: rows[table] ?? 0, total: rows[table] ?? 0 });
        // built now, while the generator thread runs ahead on the next tables
        await restoreStep(tx, `${table} indexes`, deferred.filter((d) => d.kind === 'index' && d.table === table), progress);
        if (table === 'products') {
          progress({ table: 'kv_store', rows: 0, total: plan.products + plan.tenants.length });
          rows.kv_store = await fillKvStore(tx);
          progress({ table: 'kv_store', rows: rows.kv_store, total: rows.kv_store });
        }
      }
    } finally {
      await generator.stop();
    }
    const rest = deferred.filter((d) => d.kind === 'foreign key' || !(d.table in rows));
    await restoreStep(tx, 'constraints', rest, progress);
    await setUserTriggers(tx, SEEDED_TABLES, true);
    await resetSequences(tx);
    progress({ table: 'analyze', rows: 0, total: 1 });
    // only what was loaded: a database-wide ANALYZE would also walk other schemas (pg-boss)
    await tx.unsafe(`ANALYZE ${SEEDED_TABLES.map((t) => `"${t}"`).join(', ')}`);
    progress({ table: 'analyze', rows: 1, total: 1 });
    progress({ table: 'checksum', rows: 0, total: 1 });
    fingerprint = { ...planned, rows, checksum: checksum.digest('hex'), stateChecksum: await stateChecksum(tx) };
    progress({ table: 'checksum', rows: 1, total: 1 });
    await markComplete(tx, fingerprint);
  });
  return fingerprint;
}

async function restoreStep(
  tx: postgres.TransactionSql,
  label: string,
  objects: DeferredObject[],
  progress: NonNullable<SeedOptions['onProgress']>,
): Promise<void> {
  if (objects.length === 0) return;
  progress({ table: label, rows: 0, total: objects.length });
  await restoreDeferred(tx, objects, (done, total) => progress({ table: label, rows: done, total }));
}

/** Ids were written explicitly; sequences must continue after them for rows the API inserts later. */
async function resetSequences(tx: postgres.TransactionSql): Promise<void> {
  const sequences = await tx<{ table: string; seq: string }[]>`
    SELECT c.relname AS table, pg_get_serial_sequence(quote_ident(c.relname), 'id') AS seq
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id'
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY(${[...SEEDED_TABLES]})`;
  for (const { table, seq } of sequences.filter((s) => s.seq)) {
    await tx.unsafe(`SELECT setval($1, GREATEST(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`, [seq]);
  }
}
