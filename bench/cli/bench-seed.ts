import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defineCommand } from 'citty';
import postgres from 'postgres';
import { installExitHandlers, onCleanup, runCleanup } from '../env/cleanup.ts';
import { migrate } from '../../reference-server/db/migrate.ts';
import { projectRoot } from '../../lib/paths.ts';
import { provisionPostgres } from '../env/postgres.ts';
import { readServices, servicesAsHandles } from '../env/services.ts';
import { copyFloor, generateSeriesFloor } from '../../seed/bench/floors.ts';
import { formatSeedBench, type SeedRun } from '../../seed/bench/format-report.ts';
import { buildPlan } from '../../seed/plan.ts';
import { seedDataset } from '../../seed/seed.ts';

const exec = promisify(execFile);

export default defineCommand({
  meta: {
    name: 'bench-seed',
    description:
      'Benchmark the seeder: force-load tiny then default (each in its own process, for peak RSS), then time an INSERT … SELECT generate_series floor and a plain COPY of pre-generated rows for the same row count. Leaves the default set loaded.',
  },
  args: {},
  async run() {
    installExitHandlers();
    const services = process.env.DATABASE_URL ? null : await readServices();
    const pg = services ? servicesAsHandles(services).postgres : await provisionPostgres();
    onCleanup('Postgres', () => pg.stop());
    const dir = await mkdtemp(join(tmpdir(), 'perflab-bench-seed-'));
    try {
      await migrate(pg.url);
      const runs: SeedRun[] = [];
      for (const scale of ['tiny', 'default'] as const) {
        process.stderr.write(`seeding ${scale} (force) …\n`);
        runs.push(await seedInChild(pg.url, scale, join(dir, `${scale}.json`)));
      }
      const rows = Object.values(runs[1]!.rows).reduce((a, b) => a + b, 0);
      const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      try {
        process.stderr.write(`INSERT … SELECT generate_series, ${rows} rows …\n`);
        const series = await generateSeriesFloor(sql, rows);
        process.stderr.write('COPY of pre-generated rows …\n');
        const { copy, generate } = await copyFloor(sql, buildPlan('default', 42));
        process.stdout.write(formatSeedBench(runs, series, copy, generate));
      } finally {
        await sql.end();
      }
      // the default fixtures file matches the set left loaded
      await seedDataset(pg.url, { scale: 'default' });
    } finally {
      await rm(dir, { recursive: true, force: true });
      await runCleanup();
    }
  },
});

async function seedInChild(url: string, scale: 'tiny' | 'default', fixturesPath: string): Promise<SeedRun> {
  const started = performance.now();
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', join(projectRoot, 'seed/bench/load-child.ts'), url, scale, fixturesPath], {
    cwd: projectRoot,
    maxBuffer: 1 << 20,
  });
  const report = JSON.parse(stdout.trim().split('\n').pop()!) as Omit<SeedRun, 'scale' | 'wallSeconds'>;
  return { ...report, scale, wallSeconds: (performance.now() - started) / 1000 };
}
