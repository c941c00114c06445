import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCommand } from 'citty';
import { enumFlag } from '../../lib/cli-flags.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { mergedResults } from '../k8s/merged-results.ts';
import { mergeTestRun, testRunFacts, type TestRunFacts } from '../k8s/merge-testrun.ts';
import { FIXTURES_KEY } from '../k8s/testrun-manifest.ts';
import { ReportWriteError, writeReports } from '../report/write-reports.ts';
import type { ScenarioRun } from '../results/types.ts';
import type { Fixtures } from '../../seed/fixtures-schema.ts';

const POD_LOG = /\.(csv|log|txt)$/;

/** `<dir>` itself or each of its subdirectories holding a testrun.json, with the pod logs beside it. */
async function testRunDirs(dir: string): Promise<string[]> {
  const has = async (d: string) => (await stat(join(d, 'testrun.json')).catch(() => null))?.isFile() === true;
  if (await has(dir)) return [dir];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`cannot read ${dir}: give the directory \`perflab k8s --out\` wrote`);
  });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name)).sort();
  const found = [];
  for (const d of dirs) if (await has(d)) found.push(d);
  if (found.length === 0) throw new UsageError(`no testrun.json in ${dir} or its subdirectories: give the directory \`perflab k8s --out\` wrote`);
  return found;
}

async function readOne(dir: string): Promise<{ facts: TestRunFacts; image: string; logs: string[] }> {
  let facts: TestRunFacts;
  let image = 'unknown image';
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'testrun.json'), 'utf8')) as { spec?: { runner?: { image?: string } } };
    facts = testRunFacts(manifest);
    image = manifest.spec?.runner?.image ?? image;
  } catch (error) {
    throw new UsageError(`${join(dir, 'testrun.json')}: ${(error as Error).message}`);
  }
  const names = (await readdir(dir)).filter((n) => POD_LOG.test(n)).sort();
  if (names.length === 0) throw new UsageError(`${dir}: no pod log (*.csv, *.log): kubectl logs <pod> > ${dir}/<pod>.csv for each runner pod`);
  return { facts, image, logs: await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8'))) };
}

export default defineCommand({
  meta: { name: 'merge', description: 'Merge the k6 samples copied back from k6-operator pods (beside each testrun.json that `perflab k8s` wrote) into one results.json and its reports.' },
  args: {
    dir: { type: 'positional', required: true, description: 'The directory `perflab k8s --out` wrote, with each runner pod\'s log copied beside its testrun.json.' },
    out: { type: 'string', description: 'Where results.json and the reports go (default <dir>/report).', valueHint: 'dir' },
    fixtures: { type: 'string', description: 'Fixtures of the data set (default: the copy in <dir>/configmap.json).', valueHint: 'path' },
    'cache-backend': { type: 'string', description: 'The API\'s cache backend in the cluster: redis | in-process (default redis).' },
  },
  async run({ args, rawArgs }) {
    const dir = String(args.dir);
    const cacheBackend = enumFlag('cache-backend', args['cache-backend'], ['redis', 'in-process'], 'redis');
    const runDirs = await testRunDirs(dir);
    const fixtures = await readFixtures(dir, args.fixtures);
    const scenarios: ScenarioRun[] = [];
    const repeats = new Map<string, number>();
    let instances = 1;
    let baseUrl = '';
    let k6Image = '';
    for (const runDir of runDirs) {
      const { facts, image, logs } = await readOne(runDir);
      baseUrl ||= facts.baseUrl;
      k6Image ||= image;
      const key = `${facts.comparison}/${facts.variant}`;
      repeats.set(key, (repeats.get(key) ?? 0) + 1);
      instances = facts.parallelism;
      try {
        scenarios.push(mergeTestRun(facts, logs, repeats.get(key) as number));
      } catch (error) {
        throw new UsageError(`${runDir}: ${(error as Error).message}`);
      }
    }
    const results = mergedResults({ scenarios, fixtures, baseUrl, instances, command: ['perflab', 'merge', ...rawArgs].join(' '), cacheBackend, k6Image });
    try {
      const files = await writeReports(typeof args.out === 'string' && args.out ? args.out : join(dir, 'report'), results);
      process.stdout.write(files.map((f) => `${f}\n`).join(''));
    } catch (error) {
      if (error instanceof ReportWriteError) throw new UsageError(error.message);
      throw error;
    }
  },
});

async function readFixtures(dir: string, path: unknown): Promise<Pick<Fixtures, 'fingerprint'>> {
  try {
    if (typeof path === 'string') return JSON.parse(await readFile(path, 'utf8')) as Fixtures;
    const configMap = JSON.parse(await readFile(join(dir, 'configmap.json'), 'utf8')) as { data: Record<string, string> };
    return JSON.parse(configMap.data[FIXTURES_KEY] ?? '') as Fixtures;
  } catch {
    throw new UsageError(`no fixtures: neither --fixtures nor ${join(dir, 'configmap.json')} holds them`);
  }
}
