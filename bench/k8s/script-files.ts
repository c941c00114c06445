import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Value imports and re-exports (type-only ones are erased before k6 runs the file), and literal `import()`. */
const IMPORT = /(?:^|[\s;}])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * Every file k6 loads to run `entry` (repo-relative), found by following its relative imports:
 * what a pod needs beside the script, since k6 reads imports from disk. k6's own modules (`k6`,
 * `k6/http`) come with k6; anything else that is not relative cannot run in k6 and is refused.
 */
export function scriptFiles(entry: string, root: string, read: (path: string) => string = (path) => readFileSync(join(root, path), 'utf8')): string[] {
  const files = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of read(file).matchAll(IMPORT)) {
      const typeOnly = Boolean(match[1]);
      const spec = (match[2] ?? match[3]) as string;
      if (typeOnly || spec === 'k6' || spec.startsWith('k6/')) continue;
      if (!spec.startsWith('.')) throw new Error(`${file} imports '${spec}', which k6 cannot load from a pod`);
      const target = normalize(join(dirname(file), spec));
      if (relative(root, join(root, target)).startsWith('..')) throw new Error(`${file} imports '${spec}', outside the project`);
      visit(target);
    }
  };
  visit(normalize(entry));
  return [...files].sort();
}
