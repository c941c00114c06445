import { readResultsArg } from './read-results-arg.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCommand } from 'citty';
import { UsageError } from '../../lib/usage-error.ts';
import { latestResultsPath } from '../gate/latest-run.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface BaselineSaveOptions {
  name: string;
  from: string | null;
  reports: string;
}

/** Pure: the flags of `perflab baseline save`, checked. */
export function parseBaselineSaveArgs(args: Partial<Record<string, unknown>>): BaselineSaveOptions {
  const name = typeof args.name === 'string' ? args.name : '';
  if (!NAME.test(name)) throw new UsageError(`--name must be a file-safe name (letters, digits, . _ -; e.g. main), got '${name}'`);
  return { name, from: typeof args.from === 'string' && args.from !== '' ? args.from : null, reports: typeof args.reports === 'string' && args.reports !== '' ? args.reports : 'reports' };
}

/** Copies a validated results.json to `<reports>/baselines/<name>.json`; returns the path written. */
export async function saveBaseline(options: BaselineSaveOptions): Promise<string> {
  const from = options.from ?? (await latestResultsPath(options.reports));
  if (!from) throw new UsageError(`no run under ${options.reports}/ to save: run perflab run first, or pass --from reports/<run-id>/results.json`);
  const results = await readResultsArg(from);
  if (!results.run.complete) throw new UsageError(`${from} is a partial run (interrupted): a baseline must be a complete run`);
  const target = join(options.reports, 'baselines', `${options.name}.json`);
  await mkdir(join(options.reports, 'baselines'), { recursive: true });
  await writeFile(target, `${JSON.stringify(results, null, 2)}\n`);
  return target;
}

export default defineCommand({
  meta: { name: 'baseline', description: 'Named baselines for perflab gate: baseline save --name main [--from reports/<id>/results.json].' },
  args: {
    action: { type: 'positional', required: false, description: 'save' },
    name: { type: 'string', description: 'baseline name, e.g. main', valueHint: 'name' },
    from: { type: 'string', description: 'results.json to keep (default: the newest run under reports/)', valueHint: 'path' },
    reports: { type: 'string', description: 'reports directory (default reports)', valueHint: 'dir' },
  },
  async run({ args }) {
    const action = args._[0];
    if (action !== 'save') throw new UsageError(`baseline needs an action: save (got '${action ?? ''}'); e.g. perflab baseline save --name main`);
    process.stdout.write(`${await saveBaseline(parseBaselineSaveArgs(args))}\n`);
  },
});
