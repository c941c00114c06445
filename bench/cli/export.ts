import { readResultsArg } from './read-results-arg.ts';
import { writeFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { enumFlag } from '../../lib/cli-flags.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { toBmf, toGab } from '../gate/export-formats.ts';

export interface ExportOptions {
  path: string;
  format: 'bmf' | 'gab';
  direction: 'bigger' | 'smaller';
  out: string | null;
}

/** Pure: the flags of `perflab export`, checked. */
export function parseExportArgs(args: { _: string[]; format?: string; direction?: string; out?: string }): ExportOptions {
  if (args._.length !== 1) throw new UsageError(`export takes one results.json, got ${args._.length} (perflab export --format bmf reports/<run-id>/results.json)`);
  if (args.format === undefined) throw new UsageError('export needs --format bmf (Bencher Metric Format) or gab (github-action-benchmark custom JSON)');
  const format = enumFlag('format', args.format, ['bmf', 'gab'], 'bmf');
  const direction = enumFlag('direction', args.direction, ['bigger', 'smaller'], 'bigger');
  if (args.direction !== undefined && format !== 'gab') throw new UsageError('--direction applies to --format gab only');
  return { path: args._[0] as string, format, direction, out: args.out && args.out !== '' ? args.out : null };
}

/** The export as JSON text. */
export async function exportResults(options: ExportOptions): Promise<string> {
  const results = await readResultsArg(options.path);
  const document = options.format === 'bmf' ? toBmf(results) : toGab(results, options.direction);
  return `${JSON.stringify(document, null, 2)}\n`;
}

export default defineCommand({
  meta: { name: 'export', description: 'Export a results.json for other tools: --format bmf (Bencher: bencher run --adapter json) or gab (github-action-benchmark custom JSON; --direction bigger|smaller matches its tool customBiggerIsBetter|customSmallerIsBetter).' },
  args: {
    results: { type: 'positional', required: false, description: 'results.json to export' },
    format: { type: 'string', description: 'bmf | gab', valueHint: 'format' },
    direction: { type: 'string', description: 'gab only: bigger (ratios, req/s; default) | smaller (p95 ms, statements per request)', valueHint: 'dir' },
    out: { type: 'string', description: 'file to write (default: stdout)', valueHint: 'file' },
  },
  async run({ args }) {
    const options = parseExportArgs(args);
    const text = await exportResults(options);
    if (options.out) await writeFile(options.out, text);
    else process.stdout.write(text);
  },
});
