/**
 * Where perflab keeps its git-ignored state (data dir, fixtures, `up` state). Plain TS with no
 * node: imports, so the CLI (lib/paths.ts) and the k6 scripts (which have no node:path)
 * share one rule.
 */

/**
 * PERFLAB_HOME *is* the state folder (not its parent), resolved against `cwd` when relative;
 * without it, `.perflab` in the project root. POSIX paths; Windows runs perflab under WSL.
 */
export function perflabStateDir(home: string | undefined, projectRoot: string, cwd: string): string {
  if (home) return normalizePath(home.startsWith('/') ? home : `${cwd}/${home}`);
  return normalizePath(`${projectRoot}/.perflab`);
}

/** `/a//b/./c/../d/` → `/a/b/d`, as node's path.resolve does for an absolute path. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
