import { readResultsArg } from './read-results-arg.ts';
import { dirname } from 'node:path';
import { defineCommand } from 'citty';
import { UsageError } from '../../lib/usage-error.ts';
import { REPORT_FORMATS, REPORT_RENDERERS, renderAll, type ReportFormat } from '../report/render-all.ts';
import { ReportWriteError, writeReports } from '../report/write-reports.ts';

const FORMAT_CHOICES = [...REPORT_FORMATS, 'all'];

export interface ReportOptions {
  path: string;
  out: string;
  formats: ReportFormat[];
  stdout: boolean;
}

/** Pure: checks the parsed flags and turns them into what to render where. */
export function parseReportArgs(args: { _: string[]; results?: string; out?: string; format?: string; stdout?: boolean }): ReportOptions {
  const positionals = args._.length > 0 ? args._ : args.results ? [args.results] : [];
  if (positionals.length === 0) throw new UsageError('report needs the path of a results.json (perflab report reports/<run-id>/results.json)');
  if (positionals.length > 1) throw new UsageError(`report takes one results.json, got ${positionals.length}: ${positionals.join(' ')}`);
  const path = positionals[0] as string;
  const format = args.format ?? 'all';
  if (!FORMAT_CHOICES.includes(format)) throw new UsageError(`--format must be one of ${FORMAT_CHOICES.join(', ')}, got '${format}'`);
  if (args.out !== undefined && args.out.trim() === '') throw new UsageError(`--out must be a directory, got '${args.out}'`);
  const stdout = args.stdout === true;
  if (stdout && args.out !== undefined) throw new UsageError('--stdout prints instead of writing files: do not combine it with --out');
  const formats = format === 'all' ? (stdout ? ['md' as const] : [...REPORT_FORMATS]) : [format as ReportFormat];
  return { path, out: args.out ?? dirname(path), formats, stdout };
}

/** Re-renders the reports of a run from its results.json (validated on read), through the writer `run` uses. */
export async function report(options: ReportOptions): Promise<void> {
  const results = await readResultsArg(options.path);
  if (options.stdout) {
    for (const [, content] of renderAll(results, options.formats)) process.stdout.write(content);
    return;
  }
  try {
    const written = await writeReports(options.out, results, { formats: options.formats, resultsJson: false });
    process.stdout.write(written.map((path) => `${path}\n`).join(''));
  } catch (error) {
    if (error instanceof ReportWriteError) throw new UsageError(error.message);
    throw error;
  }
}

const FILES = REPORT_FORMATS.map((format) => REPORT_RENDERERS[format].file).join(', ');

export default defineCommand({
  meta: { name: 'report', description: `Re-render the reports (${FILES}) from a results.json.` },
  args: {
    results: { type: 'positional', required: false, description: 'Path of the results.json to render (validated against its schema).' },
    out: { type: 'string', description: 'Directory to write the reports into (default: the directory of results.json).' },
    format: { type: 'string', default: 'all', description: `Which report: ${FORMAT_CHOICES.join(', ')}.` },
    stdout: { type: 'boolean', description: 'Print the report (results.md unless --format says otherwise) instead of writing files, e.g. >> $GITHUB_STEP_SUMMARY.' },
  },
  run: ({ args }) => report(parseReportArgs(args)),
});
