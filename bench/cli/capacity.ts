import { defineCommand } from 'citty';
import { catalogIds } from '../../scenarios/catalog.ts';
import { parseCapacityOptions } from '../capacity/capacity-options.ts';

export default defineCommand({
  meta: { name: 'capacity', description: 'How many req/s each variant sustains within its SLO, how it scales (USL), and how many instances a target needs.' },
  args: {
    only: { type: 'string', description: `Comparisons to measure, comma-separated (${catalogIds.join(', ')})` },
    slo: { type: 'string', description: "Latency SLO for every step, e.g. 'p95<100ms' or 'p95<100ms,p99<250ms' (default: each comparison's catalog SLO)" },
    'target-rps': { type: 'string', description: 'Peak rate to size the fleet for, req/s' },
    users: { type: 'string', description: 'Size from users instead: daily users (with --requests-per-user-day and --peak-factor)' },
    'requests-per-user-day': { type: 'string', description: 'Requests one user makes per day (with --users)' },
    'peak-factor': { type: 'string', description: 'Peak rate over the daily mean (with --users; default 1)' },
    headroom: { type: 'string', description: 'Share of the maximum kept free, e.g. 30% (default 30%)' },
    driver: { type: 'string', description: 'Load generator of the open-model steps: autocannon or k6 (default autocannon)' },
    quick: { type: 'boolean', default: false, description: 'Shorter steps and sweep, fewer bisections (≤ 3 min for two comparisons on an idle 2-core host)' },
    scale: { type: 'string', description: 'Data set size: tiny, default or large' },
    seed: { type: 'string', description: 'Data set and request seed (default 42)' },
    out: { type: 'string', description: 'Reports folder (default reports)' },
  },
  async run({ args }) {
    const options = parseCapacityOptions(args, catalogIds);
    const [{ runCapacity }, { runCleanup }] = await Promise.all([import('../capacity/run-capacity.ts'), import('../env/cleanup.ts')]);
    try {
      const command = `perflab capacity ${process.argv.slice(3).join(' ')}`.trim();
      const started = performance.now();
      const { files } = await runCapacity(options, command, (line) => process.stderr.write(`perflab: [${elapsed(performance.now() - started)}] ${line}\n`));
      const { readFile } = await import('node:fs/promises');
      process.stdout.write(`${(await readFile(files[1]!, 'utf8')).split('\n## ')[0]}\n${files.join('\n')}\n`);
    } finally {
      await runCleanup();
    }
  },
});

/** m:ss since the command started: the wall time of each step shows in the progress lines. */
function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
