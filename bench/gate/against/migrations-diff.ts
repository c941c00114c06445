/** A migrations folder as file name → content hash (`.sql` files only: meta/ holds drizzle-kit's timestamps). */
export type MigrationSet = ReadonlyMap<string, string>;

/** How the base ref's migrations differ from the candidate's, and what `--against` does about it. */
export interface MigrationsDiff {
  added: string[];
  removed: string[];
  changed: string[];
  /** 'same': nothing to say; 'candidate-adds': both builds run on the candidate's schema; 'refuse': exit 2. */
  action: 'same' | 'candidate-adds' | 'refuse';
  /** One sentence for the report (or the error line when refused). */
  sentence: string;
}

/**
 * Pure: the base's migrations against the candidate's. Both builds share one seeded database,
 * migrated by the candidate (the working tree runs the harness). When the candidate only adds
 * migrations, the base runs on the candidate's schema, said in the report: whatever those
 * migrations change (an index added or dropped) moves both builds alike and is invisible to
 * --against. When a migration the base has was changed or removed, the base's code may not run
 * on that schema at all: refused, with the way out.
 */
export function diffMigrations(base: MigrationSet, candidate: MigrationSet): MigrationsDiff {
  const added = [...candidate.keys()].filter((name) => !base.has(name)).sort();
  const removed = [...base.keys()].filter((name) => !candidate.has(name)).sort();
  const changed = [...base.keys()].filter((name) => candidate.has(name) && candidate.get(name) !== base.get(name)).sort();
  if (removed.length > 0 || changed.length > 0) {
    const what = [changed.length ? `changed ${changed.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
    return { added, removed, changed, action: 'refuse', sentence: `--against: the candidate ${what} in reference-server/db/migrations: the base build cannot be run on that schema; gate against a results.json of the base instead (--baseline)` };
  }
  if (added.length > 0) {
    return { added, removed, changed, action: 'candidate-adds', sentence: `The candidate adds migration(s) ${added.join(', ')}: both builds ran on the candidate's schema, so what they change (an index added or dropped) moves both alike and is not gated here; gate it with --baseline.` };
  }
  return { added, removed, changed, action: 'same', sentence: 'Both refs have the same migrations: one schema, one seeded database.' };
}
