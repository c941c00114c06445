import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { defineCommand } from 'citty';
import { UsageError } from '../../lib/usage-error.ts';
import { runningCluster } from '../env/embedded-postgres.ts';
import { defaultPgDataDir, displayPath } from '../../lib/paths.ts';
import { stopServices } from '../env/stop-services.ts';

export default defineCommand({
  meta: { name: 'down', description: 'Stop what `perflab up` started, and anything a killed `up`, `run` or `serve` left running (.perflab/pgdata, .perflab/pids/).' },
  args: {
    purge: { type: 'boolean', description: 'Also delete the persistent data dir .perflab/pgdata (the seeded data set)' },
  },
  async run({ args }) {
    const report = await stopServices();
    const lines: string[] = [];
    if (report.host !== null) lines.push(`stopped perflab up (host pid ${report.host})`);
    if (report.leftovers.length > 0) lines.push(`stopped processes left running by a killed host (pids ${report.leftovers.join(', ')})`);
    if (report.strays.length > 0) lines.push(`stopped services a killed perflab command left running (pids ${report.strays.join(', ')})`);
    if (lines.length === 0) lines.push('nothing was running');
    const dataDir = displayPath(defaultPgDataDir);
    if (args.purge) {
      if (runningCluster(defaultPgDataDir)) throw new UsageError(`Postgres is still running on ${dataDir}; not purging`, 1);
      if (existsSync(defaultPgDataDir)) {
        await rm(defaultPgDataDir, { recursive: true, force: true });
        lines.push(`removed ${dataDir}`);
      } else {
        lines.push(`${dataDir} did not exist`);
      }
    }
    process.stdout.write(lines.map((line) => `perflab: ${line}\n`).join(''));
  },
});
