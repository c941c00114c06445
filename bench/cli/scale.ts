import { defineCommand } from 'citty';
import { DRIVER_NAMES } from '../drivers/driver-names.ts';
import { DEFAULT_RUN_OPTIONS, QUICK_OVERRIDES } from '../run/run-options.ts';
import { DEFAULT_SCALE_IDS, parseScaleOptions } from '../scale/scale-options.ts';
import { catalogIds } from '../../scenarios/catalog.ts';

const d = DEFAULT_RUN_OPTIONS;

export default defineCommand({
  meta: {
    name: 'scale',
    description: "How each variant's latency grows with the data set: seeds each size once (kept in .perflab/scale/<rows>/), runs the comparisons at each, fits p50/p95 against rows and writes reports/<run-id>-scale/ (scale.json, .md, .html log–log chart). Ctrl-C keeps the completed sizes; exit 2 on bad usage or a failure.",
  },
  args: {
    sizes: { type: 'string', description: 'products (= orders) per data set, comma-separated, k = 1 000 and M = 1 000 000, at least two, 1k..10M (default 10k,100k; 1M is opt-in: its first seed takes minutes)', valueHint: 'list' },
    only: { type: 'string', description: `comma-separated comparison ids (default ${DEFAULT_SCALE_IDS.join(', ')})`, valueHint: 'ids' },
    driver: { type: 'string', description: `${DRIVER_NAMES.join(' | ')} | all`, default: d.driver, valueHint: 'name' },
    quick: { type: 'boolean', description: `shorter runs, fewer repeats (${QUICK_OVERRIDES.repeat} × ${QUICK_OVERRIDES.durationSec} s): 10k,100k with four comparisons in about 5 min` },
    duration: { type: 'string', description: `measured seconds per run (default ${d.durationSec}, --quick ${QUICK_OVERRIDES.durationSec})`, valueHint: 's' },
    warmup: { type: 'string', description: `discarded warm-up seconds before each run (default ${d.warmupSec}, --quick ${QUICK_OVERRIDES.warmupSec})`, valueHint: 's' },
    repeat: { type: 'string', description: `interleaved naive/optimized repeats per size (default ${d.repeat}, --quick ${QUICK_OVERRIDES.repeat})`, valueHint: 'n' },
    connections: { type: 'string', description: "closed model: concurrent connections (default: each comparison's own)", valueHint: 'n' },
    rate: { type: 'string', description: 'open model: requests per second offered', valueHint: 'req/s' },
    seed: { type: 'string', description: `data and request seed (default ${d.seed})`, valueHint: 'n' },
    out: { type: 'string', description: `where run directories go (default ${d.outDir}/)`, valueHint: 'dir' },
  },
  async run({ args, rawArgs }) {
    const options = parseScaleOptions(args, catalogIds);
    const [{ runScale }, { runCleanup }] = await Promise.all([import('../scale/run-scale.ts'), import('../env/cleanup.ts')]);
    try {
      const { files, report } = await runScale(options, ['perflab', 'scale', ...rawArgs].join(' '));
      process.stdout.write(`\n${report.comparisons.map((c) => `${c.comparison}: ${c.sentence}`).join('\n')}\n${files.join('\n')}\n`);
    } finally {
      await runCleanup();
    }
  },
});
