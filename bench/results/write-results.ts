import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderAll } from '../report/render-all.ts';
import { validateResults } from './validate-results.ts';
import type { Results } from './types.ts';

/**
 * Validates `results` (a run never writes a file its own reader would reject), then writes
 * `results.json` and every rendered report (results.md, report.html, junit.xml) into `dir`.
 * Returns the paths written, results.json first.
 * @throws ResultsValidationError when `results` does not match the schema; nothing is written then.
 */
export async function writeResults(dir: string, results: Results): Promise<string[]> {
  const valid = validateResults(results);
  const reports = renderAll(valid);
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [['results.json', `${JSON.stringify(valid, null, 2)}\n`], ...Object.entries(reports)];
  for (const [name, content] of files) await writeFile(join(dir, name), content);
  return files.map(([name]) => join(dir, name));
}
