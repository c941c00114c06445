import { basename, dirname, isAbsolute, relative, sep } from 'node:path';

/** `path` relative to `cwd` when that is shorter (`reports/…/results.md`), else (or with no `cwd`) as given. */
export function displayPath(path: string, cwd: string | null): string {
  if (cwd === null || !isAbsolute(path)) return path;
  const near = relative(cwd, path);
  return near !== '' && near.length < path.length ? near : path;
}

/**
 * Lines naming `paths` (shortened by displayPath), each within `width` columns: one path a line
 * when they fit; else their folder once, broken after a `/` (a name longer than a line is cut),
 * then each file's name under it.
 */
export function pathLines(paths: readonly string[], cwd: string | null, width: number, indent = '  '): string[] {
  const shown = paths.map((path) => displayPath(path, cwd));
  if (shown.every((path) => indent.length + path.length <= width)) return shown.map((path) => `${indent}${path}`);
  const folders = [...new Set(shown.map((path) => dirname(path)))];
  return folders.flatMap((folder) => [
    ...breakPath(`${folder}${sep}`, width, indent),
    ...shown.filter((path) => dirname(path) === folder).map((path) => `${indent}${indent}${basename(path)}`),
  ]);
}

/** `path` over as many lines as it needs, each ≤ `width`, broken after a separator where one fits. */
export function breakPath(path: string, width: number, indent = ''): string[] {
  const room = Math.max(1, width - indent.length);
  const lines: string[] = [];
  let rest = path;
  while (rest.length > room) {
    const cut = rest.lastIndexOf(sep, room - 1) + 1;
    const at = cut > 0 ? cut : room;
    lines.push(`${indent}${rest.slice(0, at)}`);
    rest = rest.slice(at);
  }
  if (rest.length > 0) lines.push(`${indent}${rest}`);
  return lines;
}
