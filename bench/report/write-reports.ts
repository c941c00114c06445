import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_FORMATS, renderAll, type ReportFormat } from './render-all.ts';
import { validateResults } from '../results/validate-results.ts';
import type { Results } from '../results/types.ts';

/** A report file could not be written (permissions, full disk, a file in the way). One line, no stack needed. */
export class ReportWriteError extends Error {
  override name = 'ReportWriteError';
}

export interface WriteReportsOptions {
  /** Which reports to render; default every format. */
  formats?: readonly ReportFormat[];
  /** Also write results.json (a run does; `perflab report` re-renders from one and leaves it alone). Default true. */
  resultsJson?: boolean;
}

const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way',
  ENOSPC: 'no space left on device',
};

/**
 * The one writer of a run's files, used by `perflab run` and `perflab report`: validates
 * `results` (nothing is written for a document its own reader would reject), renders the
 * formats asked for, then writes results.json (unless told not to) and each report into
 * `dir`. Returns the paths written, results.json first.
 * @throws ResultsValidationError when `results` does not match the schema; nothing is written then.
 * @throws ReportWriteError naming the path when a file cannot be written.
 */
export async function writeReports(dir: string, results: Results, options: WriteReportsOptions = {}): Promise<string[]> {
  const { formats = REPORT_FORMATS, resultsJson = true } = options;
  const valid = validateResults(results);
  const files: [string, string][] = [...(resultsJson ? [['results.json', `${JSON.stringify(valid, null, 2)}\n`] as [string, string]] : []), ...renderAll(valid, formats)];
  try {
    await mkdir(dir, { recursive: true });
    for (const [name, content] of files) await writeFile(join(dir, name), content);
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    if (code) throw new ReportWriteError(`cannot write ${path ?? dir}: ${WRITE_ERRORS[code] ?? code}`);
    throw error;
  }
  return files.map(([name]) => join(dir, name));
}
