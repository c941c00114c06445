import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defineCommand } from 'citty';
import { UsageError } from '../../lib/usage-error.ts';
import { REPORT_RENDERERS, type ReportFile } from '../report/render-all.ts';
import { readResults } from '../results/read-results.ts';
import { ResultsFileError } from '../results/results-file-error.ts';

const FORMATS: Record<string, ReportFile[]> = {
  md: ['results.md'],
  html: ['report.html'],
  junit: ['junit.xml'],
  all: ['results.md', 'report.html', 'junit.xml'],
};

const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way',
  ENOSPC: 'no space left on device',
};

export interface ReportOptions {
  path: string;
  out: string;
  files: ReportFile[];
  stdout: boolean;
}

/** Pure: checks the parsed flags and turns them into what to render where. */
export function parseReportArgs(args: { _: string[]; results?: string; out?: string; format?: string; stdout?: boolean }): ReportOptions {
  const positionals = args._.length > 0 ? args._ : args.results ? [args.results] : [];
  if (positionals.length === 0) throw new UsageError('report needs the path of a results.json (perflab report reports/<run-id>/results.json)');
  if (positionals.length > 1) throw new UsageError(`report takes one results.json, got ${positionals.length}: ${positionals.join(' ')}`);
  const path = positionals[0] as string;
  const format = args.format ?? 'all';
  const files = FORMATS[format];
  if (!files) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}, got '${format}'`);
  if (args.out !== undefined && args.out.trim() === '') throw new UsageError('--out needs a directory');
  const stdout = args.stdout === true;
  if (stdout && args.out !== undefined) throw new UsageError('--stdout prints instead of writing files: do not combine it with --out');
  return { path, out: args.out ?? dirname(path), files: stdout && format === 'all' ? ['results.md'] : files, stdout };
}

/** Re-renders the reports of a run from its results.json (validated on read). */
export async function report(options: ReportOptions): Promise<void> {
  let results;
  try {
    results = await readResults(options.path);
  } catch (error) {
    if (error instanceof ResultsFileError) throw new UsageError(error.message);
    throw error;
  }
  if (options.stdout) {
    for (const file of options.files) process.stdout.write(REPORT_RENDERERS[file](results));
    return;
  }
  try {
    await mkdir(options.out, { recursive: true });
    for (const file of options.files) {
      const target = join(options.out, file);
      await writeFile(target, REPORT_RENDERERS[file](results));
      process.stdout.write(`${target}\n`);
    }
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    if (code) throw new UsageError(`cannot write ${path ?? options.out}: ${WRITE_ERRORS[code] ?? code}`);
    throw error;
  }
}

export default defineCommand({
  meta: { name: 'report', description: 'Re-render results.md, report.html and junit.xml from a results.json.' },
  args: {
    results: { type: 'positional', required: false, description: 'Path of the results.json to render (validated against its schema).' },
    out: { type: 'string', description: 'Directory to write the reports into (default: the directory of results.json).' },
    format: { type: 'string', default: 'all', description: 'Which report: md, html, junit or all.' },
    stdout: { type: 'boolean', description: 'Print the report (results.md unless --format says otherwise) instead of writing files, e.g. >> $GITHUB_STEP_SUMMARY.' },
  },
  run: ({ args }) => report(parseReportArgs(args)),
});
