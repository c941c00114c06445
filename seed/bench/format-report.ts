import type { Timed } from './floors.ts';

/** What one seeding child reported. */
export interface SeedRun {
  scale: string;
  seconds: number;
  wallSeconds: number;
  rows: Record<string, number>;
  maxRssMb: number;
  phases: Record<string, number>;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (t: Timed) => t.rows / t.seconds;

/** The bench-seed summary as text: the three loads, their ratios, peak RSS per scale, and the seeder's phases. */
export function formatSeedBench(runs: SeedRun[], series: Timed, copy: Timed, generate: Timed): string {
  const main = runs[runs.length - 1]!;
  const total = Object.values(main.rows).reduce((a, b) => a + b, 0);
  const seeder = { rows: total, seconds: main.seconds };
  const lines = [
    `seeder, ${main.scale} (all tables, kv_store, indexes, FKs, ANALYZE, fixtures): ${fmt(total)} rows in ${main.seconds.toFixed(2)} s = ${fmt(rate(seeder))} rows/s; wall from process start ${main.wallSeconds.toFixed(2)} s`,
    `INSERT … SELECT generate_series (server only, PK only): ${fmt(series.rows)} rows in ${series.seconds.toFixed(2)} s = ${fmt(rate(series))} rows/s`,
    `COPY of the same generated rows, pre-generated (no indexes; kv_store is derived in SQL, so not here): ${fmt(copy.rows)} rows in ${copy.seconds.toFixed(2)} s = ${fmt(rate(copy))} rows/s (generating them: ${generate.seconds.toFixed(2)} s)`,
    `ratios: seeder / COPY = ${(rate(seeder) / rate(copy)).toFixed(2)}, seeder / generate_series = ${(rate(seeder) / rate(series)).toFixed(2)}, COPY / generate_series = ${(rate(copy) / rate(series)).toFixed(2)}`,
    `seeder peak RSS: ${runs.map((r) => `${r.scale} ${r.maxRssMb.toFixed(0)} MB`).join(', ')}`,
    `seeder phases (${main.scale}): ${Object.entries(main.phases).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ')}`,
  ];
  return lines.join('\n') + '\n';
}
