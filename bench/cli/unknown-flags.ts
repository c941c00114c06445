import type { ArgsDef } from 'citty';
import { UsageError } from '../../lib/usage-error.ts';

/** citty accepts any flag; a typo like `--duraton 5` must fail instead of silently using the default. */
export function rejectUnknownFlags(rawArgs: string[], args: ArgsDef): void {
  const known = new Set<string>();
  for (const [name, def] of Object.entries(args)) {
    known.add(name);
    known.add(kebab(name));
    const aliases = 'alias' in def && def.alias ? ([] as string[]).concat(def.alias) : [];
    for (const alias of aliases) known.add(alias);
    if (def.type === 'boolean') known.add(`no-${kebab(name)}`);
  }
  for (const raw of rawArgs) {
    if (raw === '--') break;
    if (!raw.startsWith('-') || /^-\d/.test(raw)) continue;
    const flag = raw.replace(/^--?/, '').split('=')[0] ?? '';
    if (known.has(flag)) continue;
    const suggestion = closestFlag(flag, [...known]);
    throw new UsageError(`unknown option '${raw.split('=')[0]}'${suggestion ? `: did you mean '--${suggestion}'?` : ' (see --help)'}`);
  }
}

/** The known flag within 2 edits of `flag` (the closest; the first declared on a tie), or null. */
export function closestFlag(flag: string, known: readonly string[]): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of known.filter((k) => k.length > 1)) {
    const distance = levenshtein(flag, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** Edits (insert, delete, substitute) from `a` to `b`, one row of the table at a time. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
