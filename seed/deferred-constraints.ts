import type postgres from 'postgres';

/** A secondary index or foreign key dropped before COPY, with the DDL that recreates it. */
export interface DeferredObject {
  kind: 'index' | 'foreign key';
  name: string;
  table: string;
  ddl: string;
}

/**
 * Drops the foreign keys and the indexes no constraint owns on `tables`, returning their DDL
 * as read from the catalog, so the migrations stay the single source of truth. Maintaining a
 * GIN trigram index or firing an FK trigger row by row costs several times the COPY itself;
 * building them once afterwards is a sort and a join. Run it inside the load's transaction:
 * a rollback brings every dropped object back.
 */
export async function dropDeferred(tx: postgres.TransactionSql, tables: readonly string[]): Promise<DeferredObject[]> {
  const foreignKeys = await tx<{ name: string; table: string; def: string }[]>`
    SELECT c.conname AS name, t.relname AS table, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype = 'f' AND t.relnamespace = 'public'::regnamespace AND t.relname = ANY(${tables as string[]})
    ORDER BY t.relname, c.conname`;
  const indexes = await tx<{ name: string; table: string; def: string }[]>`
    SELECT i.relname AS name, t.relname AS table, pg_get_indexdef(i.oid) AS def
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY(${tables as string[]})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.contype IN ('p', 'u', 'x'))
    ORDER BY t.relname, i.relname`;
  const deferred: DeferredObject[] = [
    ...foreignKeys.map((f) => ({
      kind: 'foreign key' as const,
      name: f.name,
      table: f.table,
      ddl: `ALTER TABLE ${quote(f.table)} ADD CONSTRAINT ${quote(f.name)} ${f.def}`,
    })),
    ...indexes.map((i) => ({ kind: 'index' as const, name: i.name, table: i.table, ddl: i.def })),
  ];
  for (const f of deferred.filter((d) => d.kind === 'foreign key')) {
    await tx.unsafe(`ALTER TABLE ${quote(f.table)} DROP CONSTRAINT ${quote(f.name)}`);
  }
  for (const i of deferred.filter((d) => d.kind === 'index')) await tx.unsafe(`DROP INDEX ${quote(i.name)}`);
  return deferred;
}

/** Recreates what `dropDeferred` dropped: indexes first, then foreign keys (validated against the loaded rows). */
export async function restoreDeferred(
  tx: postgres.TransactionSql,
  deferred: readonly DeferredObject[],
  onStep?: (done: number, total: number) => void,
): Promise<void> {
  const ordered = [...deferred.filter((d) => d.kind === 'index'), ...deferred.filter((d) => d.kind === 'foreign key')];
  for (const [i, object] of ordered.entries()) {
    await tx.unsafe(object.ddl);
    onStep?.(i + 1, ordered.length);
  }
}

/**
 * Turns the user triggers of `tables` off (`on: false`) or back on. The seeder COPYs rows that
 * already carry every derived value (orders.item_quantity), so a trigger maintaining one would
 * only count it twice, row by row. Inside the load's transaction, like the drops above.
 */
export async function setUserTriggers(tx: postgres.TransactionSql, tables: readonly string[], on: boolean): Promise<void> {
  for (const table of tables) await tx.unsafe(`ALTER TABLE ${quote(table)} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
