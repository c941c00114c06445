/** A migrations folder as file name → content hash (`.sql` files only: meta/ holds drizzle-kit's timestamps). */
export type MigrationSet = ReadonlyMap<string, string>;

/** How the base ref's migrations differ from the candidate's, and what `--against` does about it. */
export interface MigrationsDiff {
  added: string[];
  removed: string[];
  changed: string[];
  /** 'same': one schema, one database; 'own-database': each build runs on a database migrated and seeded by its own code. */
  action: 'same' | 'own-database';
  /** One sentence for the report. */
  sentence: string;
}

/**
 * Pure: the base's migrations against the candidate's. The same files: both builds share one
 * seeded database. Any file added, changed or removed: the base gets a database of its own,
 * migrated and seeded by its own code, so what the change does to the schema (an index dropped,
 * a column added) is measured, not applied to both builds alike.
 */
export function diffMigrations(base: MigrationSet, candidate: MigrationSet): MigrationsDiff {
  const added = [...candidate.keys()].filter((name) => !base.has(name)).sort();
  const removed = [...base.keys()].filter((name) => !candidate.has(name)).sort();
  const changed = [...base.keys()].filter((name) => candidate.has(name) && candidate.get(name) !== base.get(name)).sort();
  if (added.length + removed.length + changed.length === 0) {
    return { added, removed, changed, action: 'same', sentence: 'Both refs have the same migrations: one schema, one seeded database.' };
  }
  const what = [added.length ? `adds ${added.join(', ')}` : '', changed.length ? `changes ${changed.join(', ')}` : '', removed.length ? `removes ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
  return { added, removed, changed, action: 'own-database', sentence: `The candidate ${what} in reference-server/db/migrations: each build ran on its own database in one cluster, migrated and seeded by its own code, so the schema change is measured.` };
}
