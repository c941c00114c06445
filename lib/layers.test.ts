import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './paths.ts';

/**
 * The layers, lowest first; a file may import its own layer and those before it.
 * seed/ sits above reference-server/: it writes the server's tables, so it reads the schema and
 * mints the server's tokens and cursors; the server never reads the seeder.
 */
const LAYERS = ['lib', 'reference-server', 'seed', 'scenarios', 'bench'] as const;

/** Inside a layer: the parts below its top never reach up to what composes them. */
const INNER_RULES = [
  { from: /^reference-server\/(auth|cache|db|http|jobs|lib)\//, to: /^reference-server\/(comparisons\/|app\.ts|server\.ts|main\.ts)/, why: 'the server\'s parts are below its comparisons and composition root' },
  { from: /^bench\/(?!cli\/)/, to: /^bench\/cli\//, why: 'only the CLI imports the CLI' },
  // driver-names.ts is plain data (the registry's names), which the results schema enumerates
  { from: /^bench\/(results|stats)\//, to: /^bench\/(report|run|env|cli)\/|^bench\/drivers\/(?!driver-names\.ts$)/, why: 'results and stats are pure, below what runs and renders' },
];

/** Known exceptions, each with its reason (none today). */
const PENDING = new Set<string>();

/** Test code: may import any layer (a server test seeds a database) and any test-support folder. */
const isTestCode = (file: string) => /\.test\.ts$/.test(file) || file.split('/').includes('test-support');

const IMPORT = /(?:^|[\s;}])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Import {
  spec: string;
  /** `import type` / `export type`: erased before k6 or Node runs the file. */
  typeOnly: boolean;
}

/** Every static `import … from`, `export … from`, side-effect `import '…'` and literal `import()`. */
export function importsOf(source: string): Import[] {
  return [...source.matchAll(IMPORT)].map((m) => ({ spec: (m[2] ?? m[3])!, typeOnly: Boolean(m[1]) }));
}

const layerOf = (path: string) => LAYERS.indexOf(path.split('/')[0] as (typeof LAYERS)[number]);

type Read = (file: string) => string;
const readRepoFile: Read = (file) => readFileSync(join(projectRoot, file), 'utf8');
const k6Module = (spec: string) => spec === 'k6' || spec.startsWith('k6/');

/** The first node:/npm module `file` loads at run time, directly or through relative imports. */
export function firstNodeOnlyImport(file: string, read: Read, seen = new Set<string>()): string | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  for (const { spec, typeOnly } of importsOf(read(file))) {
    if (typeOnly || k6Module(spec)) continue;
    if (!spec.startsWith('.')) return spec;
    const found = firstNodeOnlyImport(normalize(join(dirname(file), spec)), read, seen);
    if (found) return found;
  }
  return undefined;
}

/** The rule each import of `file` (repo-relative) breaks, one line per violation. */
export function violations(file: string, source: string, read: Read = readRepoFile): string[] {
  const from = layerOf(file);
  if (from < 0) return [];
  const found: string[] = [];
  for (const { spec, typeOnly } of importsOf(source)) {
    const line = `${file} imports ${spec}`;
    const k6Loaded = LAYERS[from] === 'scenarios' && !isTestCode(file) && !typeOnly;
    if (!spec.startsWith('.')) {
      if (k6Loaded && !k6Module(spec)) found.push(`${line}: scenarios/ is loaded by k6, no node: or npm imports`);
      continue;
    }
    const target = normalize(join(dirname(file), spec));
    const nodeOnly = k6Loaded && !target.startsWith('scenarios/') ? firstNodeOnlyImport(target, read) : undefined;
    if (nodeOnly) found.push(`${line}: k6 cannot load it, it imports ${nodeOnly}`);
    if (isTestCode(target) && !isTestCode(file)) found.push(`${line}: production code imports test code`);
    else if (isTestCode(file) || PENDING.has(line)) continue;
    else if (layerOf(target) > from) found.push(`${line}: ${LAYERS[from]}/ is below ${LAYERS[layerOf(target)]}/`);
    else for (const rule of INNER_RULES) if (rule.from.test(file) && rule.to.test(target)) found.push(`${line}: ${rule.why}`);
  }
  return found;
}

const sourceFiles = () =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mjs'], { cwd: projectRoot, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && layerOf(file) >= 0);

describe('layering', () => {
  it('no file imports a higher layer, test code, or (in scenarios/) node: and npm modules', () => {
    const found = sourceFiles().flatMap((file) => violations(file, readFileSync(join(projectRoot, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('finds static, re-exported and dynamic imports, and tells type-only ones apart', () => {
    const source = `import { a } from './a.ts';\nimport type { B } from "../b.ts";\nexport { c } from './c.ts';\nimport './d.ts';\nconst e = await import('./e.ts');`;
    expect(importsOf(source)).toEqual([
      { spec: './a.ts', typeOnly: false },
      { spec: '../b.ts', typeOnly: true },
      { spec: './c.ts', typeOnly: false },
      { spec: './d.ts', typeOnly: false },
      { spec: './e.ts', typeOnly: false },
    ]);
  });

  it('flags an upward import, a dynamic one included', () => {
    expect(violations('scenarios/random.ts', `import { x } from '../bench/stats/x.ts';`, () => '')).toEqual([
      'scenarios/random.ts imports ../bench/stats/x.ts: scenarios/ is below bench/',
    ]);
    expect(violations('lib/a.ts', `const m = await import('../seed/seed.ts');`)).toHaveLength(1);
    expect(violations('reference-server/db/x.ts', `export * from '../../seed/fixtures.ts';`)).toHaveLength(1);
  });

  it('flags a part of a layer reaching up to what composes it', () => {
    expect(violations('reference-server/http/routes.ts', `import type { Deps } from '../comparisons/types.ts';`)).toHaveLength(1);
    expect(violations('reference-server/jobs/a.ts', `import { createApp } from '../app.ts';`)).toHaveLength(1);
    expect(violations('reference-server/http/routes.ts', `import type { Deps } from '../types.ts';`)).toEqual([]);
    expect(violations('bench/env/postgres.ts', `import { UsageError } from '../cli/errors.ts';`)).toHaveLength(1);
    expect(violations('bench/results/write.ts', `import { renderAll } from '../report/render-all.ts';`)).toHaveLength(1);
  });

  it('lets a layer import itself and the layers below it', () => {
    expect(violations('seed/seed.ts', `import { products } from '../reference-server/db/schema.ts';\nimport { p } from '../lib/paths.ts';`)).toEqual([]);
    expect(violations('bench/cli/run.ts', `import { catalog } from '../../scenarios/catalog.ts';`)).toEqual([]);
  });

  it('flags production code importing a test-support folder or a test file, not tests doing so', () => {
    expect(violations('bench/run/plan.ts', `import { t } from '../test-support/test-server.ts';`)).toHaveLength(1);
    expect(violations('seed/seed.ts', `import { t } from './seed.test.ts';`)).toHaveLength(1);
    expect(violations('reference-server/jobs/a.test.ts', `import { s } from '../../seed/test-support/scratch-database.ts';`)).toEqual([]);
  });

  it('flags node: and npm imports in scenarios/, not k6 modules or type-only imports', () => {
    const source = `import { readFileSync } from 'node:fs';\nimport { z } from 'zod';\nimport http from 'k6/http';\nimport type { Fixtures } from 'zod';`;
    expect(violations('scenarios/k6/a.ts', source)).toEqual([
      `scenarios/k6/a.ts imports node:fs: scenarios/ is loaded by k6, no node: or npm imports`,
      `scenarios/k6/a.ts imports zod: scenarios/ is loaded by k6, no node: or npm imports`,
    ]);
  });

  it('flags a scenarios/ file loading a lower-layer file that pulls in node: modules, directly or not', () => {
    const files: Record<string, string> = {
      'lib/plain.ts': `export const one = 1;`,
      'lib/via.ts': `export { two } from './node-only.ts';`,
      'lib/node-only.ts': `import { join } from 'node:path';\nexport const two = join('a');`,
    };
    const read = (file: string) => files[file]!;
    expect(violations('scenarios/a.ts', `import { one } from '../lib/plain.ts';\nimport type { T } from '../lib/node-only.ts';`, read)).toEqual([]);
    expect(violations('scenarios/a.ts', `import { two } from '../lib/via.ts';`, read)).toEqual([
      'scenarios/a.ts imports ../lib/via.ts: k6 cannot load it, it imports node:path',
    ]);
  });
});
