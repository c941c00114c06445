/** A migrations folder as file name → content hash (`.sql` files only: meta/ holds drizzle-kit's timestamps). */
export type MigrationSet = ReadonlyMap<string, string>;

/** How the base ref's migrations differ from the candidate's, and what `--against` does about it. */
export interface MigrationsDiff {
  added: string[];
  removed: string[];
  changed: string[];
  /** Whether the two builds' schemas may differ (each build runs on a database migrated and seeded by its own code either way). */
  schema: 'same' | 'differs';
  /** One sentence for the report. */
  sentence: string;
}

/**
 * Pure: the base's migrations against the candidate's, for the report. Each build runs on its own
 * database, migrated and seeded by its own code, so what a change does to the schema (an index
 * dropped, a column added) is measured, not applied to both builds alike.
 */
export function diffMigrations(base: MigrationSet, candidate: MigrationSet): MigrationsDiff {
  const added = [...candidate.keys()].filter((name) => !base.has(name)).sort();
  const removed = [...base.keys()].filter((name) => !candidate.has(name)).sort();
  const changed = [...base.keys()].filter((name) => candidate.has(name) && candidate.get(name) !== base.get(name)).sort();
  if (added.length + removed.length + changed.length === 0) {
    return { added, removed, changed, schema: 'same', sentence: 'Both refs have the same migrations.' };
  }
  const what = [added.length ? `adds ${added.join(', ')}` : '', changed.length ? `changes ${changed.join(', ')}` : '', removed.length ? `removes ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
  return { added, removed, changed, schema: 'differs', sentence: `The candidate ${what} in reference-server/db/migrations: each build ran on its own schema, so the change is measured.` };
}
