/**
 * Runs one seed in a process of its own so its peak RSS is the seeder's alone:
 * `node --import tsx seed/bench/load-child.ts <databaseUrl> <scale> <fixturesPath>` prints one JSON line.
 */
import { seedDataset } from '../seed.ts';
import type { Scale } from '../plan.ts';

const [url, scale, fixturesPath] = process.argv.slice(2);
if (!url || !scale || !fixturesPath) throw new Error('usage: load-child.ts <databaseUrl> <scale> <fixturesPath>');

const phases: Record<string, number> = {};
let current: { table: string; since: number } | null = null;
const result = await seedDataset(url, {
  scale: scale as Scale,
  force: true,
  fixturesPath,
  onProgress: ({ table }) => {
    if (current?.table === table) return;
    const now = performance.now();
    if (current) phases[current.table] = (now - current.since) / 1000;
    current = { table, since: now };
  },
});
if (current) phases[(current as { table: string }).table] = (performance.now() - (current as { since: number }).since) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds: result.seconds,
    rows: result.fingerprint.rows,
    checksum: result.fingerprint.checksum,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    phases,
  }) + '\n',
);
