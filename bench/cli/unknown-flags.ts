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
    if (!known.has(flag)) throw new UsageError(`unknown option '${raw.split('=')[0]}' (see --help)`);
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
