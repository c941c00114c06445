import { readFile } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { runCleanup } from '../env/cleanup.ts';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { parseRunOptions, DEFAULT_RUN_OPTIONS, QUICK_OVERRIDES } from '../run/run-options.ts';
import { createProgress } from '../run/progress.ts';
import { runBenchmark } from '../run/run-benchmark.ts';
import { catalogIds } from '../../scenarios/catalog.ts';

const d = DEFAULT_RUN_OPTIONS;

export default defineCommand({
  meta: {
    name: 'run',
    description: 'Run the comparisons (naive vs optimized) and write reports/<run-id>/ (results.json, results.md, report.html, junit.xml). Exit 0: thresholds met; 1: an optimized path missed its SLO; 2: bad usage or a failure; 130: interrupted (partial report kept).',
  },
  args: {
    driver: { type: 'string', description: `${DRIVER_NAMES.join(' | ')} | all (every driver; also: both)`, default: d.driver, valueHint: 'name' },
    only: { type: 'string', description: `comma-separated comparison ids (${catalogIds.join(', ')})`, valueHint: 'ids' },
    duration: { type: 'string', description: `measured seconds per run (default ${d.durationSec}, --quick ${QUICK_OVERRIDES.durationSec})`, valueHint: 's' },
    warmup: { type: 'string', description: `discarded warm-up seconds before each run (default ${d.warmupSec}, --quick ${QUICK_OVERRIDES.warmupSec})`, valueHint: 's' },
    repeat: { type: 'string', description: `interleaved naive/optimized repeats (default ${d.repeat}, --quick ${QUICK_OVERRIDES.repeat})`, valueHint: 'n' },
    connections: { type: 'string', description: 'closed model: concurrent connections (default: each comparison\'s own, from the catalog)', valueHint: 'n' },
    rate: { type: 'string', description: 'open model: requests per second offered (k6 always runs open; default: the catalog rate)', valueHint: 'req/s' },
    instances: { type: 'string', description: 'k6: split each run across n local k6 processes by execution segments, as k6-operator\'s parallelism does, and merge their samples (default 1, max 16)', valueHint: 'n' },
    quick: { type: 'boolean', description: 'shorter runs and fewer repeats: a smoke test of the whole catalog' },
    scale: { type: 'string', description: 'data set to seed if absent: tiny | default | large', default: d.scale },
    seed: { type: 'string', description: `data and request seed (default ${d.seed})`, valueHint: 'n' },
    target: { type: 'string', description: 'benchmark an already running API instead of starting one (loopback only unless --allow-remote)', valueHint: 'url' },
    'allow-remote': { type: 'boolean', description: 'allow a --target that is not a loopback address' },
    fixtures: { type: 'string', description: 'fixtures file of the data set (default .perflab/fixtures.json)', valueHint: 'path' },
    out: { type: 'string', description: `where run directories go (default ${d.outDir}/)`, valueHint: 'dir' },
    json: { type: 'boolean', description: 'print results.json to stdout instead of the Markdown summary' },
  },
  async run({ args, rawArgs }) {
    const options = parseRunOptions(args, catalogIds);
    const progress = createProgress();
    try {
      const outcome = await runBenchmark(options, progress, ['perflab', 'run', ...rawArgs].join(' '));
      const markdown = outcome.files.find((f) => f.endsWith('results.md'));
      if (options.json) process.stdout.write(`${JSON.stringify(outcome.results, null, 2)}\n`);
      else if (markdown) process.stdout.write(`\n${await readFile(markdown, 'utf8')}\n`);
      progress.line(`reports: ${outcome.files.join(', ')}`);
      process.exitCode = outcome.exitCode;
    } finally {
      await runCleanup();
    }
  },
});
