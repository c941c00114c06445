import { defineCommand } from 'citty';
import pc from 'picocolors';
import { runCleanup } from '../env/cleanup.ts';
import { displayPath } from '../report/path-lines.ts';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { parseRunOptions, DEFAULT_RUN_OPTIONS, QUICK_OVERRIDES } from '../run/run-options.ts';
import { describePlan, planRuns } from '../run/plan.ts';
import { createProgress, DEFAULT_RUN_OVERHEAD_SEC } from '../run/progress.ts';
import { catalogIds, suiteIds } from '../../scenarios/catalog.ts';
import { DEFAULT_SUITE, SUITE_CHOICES } from '../run/run-options.ts';

const d = DEFAULT_RUN_OPTIONS;

export default defineCommand({
  meta: {
    name: 'run',
    description: 'Run the comparisons (naive vs optimized) and write reports/<run-id>/ (results.json, results.md, report.html, junit.xml). Exit 0: thresholds met; 1: an optimized path missed its SLO; 2: bad usage or a failure; 130: interrupted (partial report kept).',
  },
  args: {
    ids: { type: 'positional', required: false, description: 'comparison ids to run, like --only (default: all)', valueHint: 'id…' },
    driver: { type: 'string', description: `${DRIVER_NAMES.join(' | ')} | all (every driver; also: both)`, default: d.driver, valueHint: 'name' },
    only: { type: 'string', description: `comma-separated comparison ids (${catalogIds.join(', ')})`, valueHint: 'ids' },
    suite: { type: 'string', description: `which comparisons: ${SUITE_CHOICES.join(' | ')} (default ${DEFAULT_SUITE}: the ten that fit npm run bench's budget; extended: ${suiteIds('extended').join(', ')})`, valueHint: 'name' },
    duration: { type: 'string', description: `measured seconds per run (default ${d.durationSec}, --quick ${QUICK_OVERRIDES.durationSec})`, valueHint: 's' },
    warmup: { type: 'string', description: `discarded warm-up seconds before each run (default ${d.warmupSec}, --quick ${QUICK_OVERRIDES.warmupSec})`, valueHint: 's' },
    repeat: { type: 'string', description: `interleaved naive/optimized repeats (default ${d.repeat}, --quick ${QUICK_OVERRIDES.repeat})`, valueHint: 'n' },
    connections: {
      type: 'string',
      description: "closed model: concurrent connections (default: each comparison's own, from the catalog); with --rate: the open model's connection cap (autocannon opens at most this many; k6 raises its VU limit to it when higher)",
      valueHint: 'n',
    },
    rate: { type: 'string', description: 'open model: requests per second offered (k6 always runs open; default: the catalog rate)', valueHint: 'req/s' },
    instances: { type: 'string', description: 'k6: split each run across n local k6 processes by execution segments, as k6-operator\'s parallelism does, and merge their samples (default 1, max 16)', valueHint: 'n' },
    quick: { type: 'boolean', description: 'shorter runs and fewer repeats: a smoke test of the whole catalog' },
    calibrate: { type: 'boolean', default: true, description: 'measure the no-op ceiling of the drivers in use first (--no-calibrate: skip it; no "of ceiling" shares)' },
    scale: { type: 'string', description: 'data set to seed if absent: tiny | default | large', default: d.scale },
    seed: { type: 'string', description: `data and request seed (default ${d.seed})`, valueHint: 'n' },
    target: { type: 'string', description: 'benchmark an already running API instead of starting one (loopback only unless --allow-remote)', valueHint: 'url' },
    'allow-remote': { type: 'boolean', description: 'allow a --target that is not a loopback address' },
    fixtures: { type: 'string', description: 'fixtures file of the data set (default .perflab/fixtures.json)', valueHint: 'path' },
    out: { type: 'string', description: `where run directories go (default ${d.outDir}/)`, valueHint: 'dir' },
    'db-latency': { type: 'string', description: 'added round trip between the API and Postgres, whole ms, through Toxiproxy (e.g. 1ms; default 0)', valueHint: 'ms' },
    'cache-latency': { type: 'string', description: 'added round trip between the API and Redis, whole ms, through Toxiproxy (default 0)', valueHint: 'ms' },
    floor: { type: 'boolean', description: "also measure each read comparison's floor: its optimized path called straight, without HTTP (adds duration + warm-up + ~2 s per comparison)" },
    aa: { type: 'boolean', description: 'A/A check: both sides of each comparison run the optimized path, so any verdict but no-difference is a false positive' },
    json: { type: 'boolean', description: 'print results.json to stdout instead of the summary (for scripts)' },
    // your own API (bench/target/): one --scenario is measured alone (no ratio, no verdict); two are compared, the second against the first
    scenario: {
      type: 'string',
      description: 'with --target: run your own scenario against your API: a .json request list ({"requests":[{method,path,headers,body,weight}]}, autocannon) or a k6 script (.js/.ts, k6). Once: measured alone, no ratio or verdict; twice: the second compared with the first',
      valueHint: 'file',
    },
    'database-url': { type: 'string', description: "with --scenario: your API's Postgres (postgres://…) with pg_stat_statements: statements per request and the top statements from its deltas (missing extension: exit 2 with how to enable it)", valueHint: 'url' },
  },
  async run({ args, rawArgs }) {
    if (args.scenario !== undefined || args['database-url'] !== undefined) return (await import('./run-target.ts')).runTargetCommand(args, rawArgs);
    const options = parseRunOptions(args, catalogIds, args._.map(String));
    const progress = createProgress();
    // said at once: starting Postgres and checking the data set can take seconds before the first run
    const plan = planRuns(options.only ?? catalogIds, options.drivers, options.repeat);
    progress.line(`perflab run: ${describePlan(plan, options, DEFAULT_RUN_OVERHEAD_SEC)}`);
    progress.line(options.target ? `checking ${options.target} and its data set…` : 'starting Postgres, Redis and the API; checking the data set…');
    try {
      // loaded after the line above: the orchestrator's imports alone take a few seconds on a busy host
      const [{ runBenchmark }, { renderTerminalSummary }, { appendStepSummary }] = await Promise.all([import('../run/run-benchmark.ts'), import('../report/render-terminal.ts'), import('./step-summary.ts')]);
      const outcome = await runBenchmark(options, progress, ['perflab', 'run', ...rawArgs].join(' '));
      if (options.json) process.stdout.write(`${JSON.stringify(outcome.results, null, 2)}\n`);
      else process.stdout.write(`\n${renderTerminalSummary(outcome.results, { color: process.stdout.isTTY === true && pc.isColorSupported, files: outcome.files, cwd: process.cwd() })}`);
      const stepSummary = await appendStepSummary(process.env, outcome.files);
      if (stepSummary) progress.line(`results.md appended to $GITHUB_STEP_SUMMARY (${displayPath(stepSummary, process.cwd())})`);
      process.exitCode = outcome.exitCode;
    } finally {
      await runCleanup();
    }
  },
});
