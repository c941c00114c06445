import type postgres from 'postgres';
import { SCHEMA_VERSION } from '../reference-server/db/schema.ts';
import type { Plan } from './plan.ts';

/** Bumped whenever the generator's output changes for a given seed, so old sets are reloaded. */
export const GENERATOR_VERSION = 2;

/** What identifies a loaded data set; stored in `dataset_meta` and copied into the fixtures file. */
export interface Fingerprint {
  scale: string;
  seed: number;
  schemaVersion: number;
  generatorVersion: number;
  /** Rows per table as loaded (requested products/orders before the load finishes). */
  rows: Record<string, number>;
  /** sha256 over every generated COPY line, table by table; empty until the load completes. */
  checksum: string;
  /**
   * `stateChecksum` of the tables the API writes, as loaded (reference-server/state): the state
   * every measured run must start from. Absent in sets loaded before it existed (they reload).
   */
  stateChecksum?: string;
}

export interface DatasetMeta {
  fingerprint: Fingerprint;
  complete: boolean;
}

/** The fingerprint a load of `plan` starts from. */
export function plannedFingerprint(plan: Plan): Fingerprint {
  return {
    scale: plan.scale,
    seed: plan.seed,
    schemaVersion: SCHEMA_VERSION,
    generatorVersion: GENERATOR_VERSION,
    rows: { products: plan.products, orders: plan.orders },
    checksum: '',
  };
}

/** True when `meta` describes a complete load of what `plan` asks for. */
export function matchesPlan(meta: DatasetMeta | null, plan: Plan): meta is DatasetMeta {
  if (!meta?.complete) return false;
  const stored = meta.fingerprint;
  const wanted = plannedFingerprint(plan);
  return (
    stored.stateChecksum !== undefined &&
    stored.scale === wanted.scale &&
    stored.seed === wanted.seed &&
    stored.schemaVersion === wanted.schemaVersion &&
    stored.generatorVersion === wanted.generatorVersion &&
    stored.rows.products === wanted.rows.products &&
    stored.rows.orders === wanted.rows.orders
  );
}

export async function readMeta(sql: postgres.Sql): Promise<DatasetMeta | null> {
  const [row] = await sql<{ fingerprint: Fingerprint; complete: boolean }[]>`
    SELECT fingerprint, complete FROM dataset_meta WHERE id = 1`;
  return row ? { fingerprint: row.fingerprint, complete: row.complete } : null;
}

/** Committed before the load starts: from here until the last step, the set reads as incomplete. */
export async function markStarted(sql: postgres.Sql, fingerprint: Fingerprint): Promise<void> {
  await sql`
    INSERT INTO dataset_meta (id, fingerprint, complete, loaded_at) VALUES (1, ${sql.json(toJson(fingerprint))}, false, now())
    ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, complete = false, loaded_at = now()`;
}

/** The load's last statement, inside its transaction. */
export async function markComplete(tx: postgres.TransactionSql, fingerprint: Fingerprint): Promise<void> {
  await tx`UPDATE dataset_meta SET fingerprint = ${tx.json(toJson(fingerprint))}, complete = true, loaded_at = now() WHERE id = 1`;
}

/** Row counts as they are now, to catch a set changed behind the fingerprint's back. */
export async function countRows(sql: postgres.Sql, tables: readonly string[]): Promise<Record<string, number>> {
  const selects = tables.map((t) => `SELECT '${t}' AS table, count(*)::int AS rows FROM "${t}"`).join(' UNION ALL ');
  const rows = await sql.unsafe<{ table: string; rows: number }[]>(selects);
  return Object.fromEntries(rows.map((r) => [r.table, r.rows]));
}

function toJson(fingerprint: Fingerprint): postgres.JSONValue {
  return JSON.parse(JSON.stringify(fingerprint)) as postgres.JSONValue;
}
