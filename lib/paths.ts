import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { perflabStateDir } from './perflab-home.ts';

/** The repository root, whatever the current directory of the command. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Git-ignored state: the persistent data dir, `services.json`, the fixtures file, `pids/`.
 * PERFLAB_HOME *is* this folder, not its parent (like CARGO_HOME): tests point it at a temp dir
 * to keep `up`/`down` away from the real one, and the README documents it so.
 */
export const perflabDir = perflabStateDir(process.env.PERFLAB_HOME, projectRoot, process.cwd());

/** Where the persistent embedded cluster keeps its data (`perflab down --purge` removes it). */
export const defaultPgDataDir = join(perflabDir, 'pgdata');

/** Written by `perflab up`: pids and URLs of the services it keeps running. */
export const servicesFile = join(perflabDir, 'services.json');

/** `p` relative to the project when inside it (`.perflab/pgdata`), else absolute. */
export function displayPath(p: string): string {
  const rel = relative(projectRoot, p);
  return rel && !rel.startsWith('..') ? rel : p;
}
