import cliProgress from 'cli-progress';
import pc from 'picocolors';

/** What `seedDataset` reports: a table (or `indexes`, `analyze`) and how far it got. */
export interface SeedProgressEvent {
  table: string;
  rows: number;
  total: number;
}

/** Steps counted in statements, not rows. */
export const isStep = (name: string): boolean => ['analyze', 'constraints', 'checksum', 'fixtures'].includes(name) || name.endsWith(' indexes');

export interface SeedProgress {
  update(event: SeedProgressEvent): void;
  /** Closes the bar (or prints the last line) and returns a summary of the per-table throughput. */
  stop(): void;
}

/**
 * A bar per step with rows/s on a TTY; elsewhere one plain line per finished step, so CI logs
 * stay readable. Colours follow picocolors, which honours NO_COLOR.
 */
export function createSeedProgress(stream: NodeJS.WriteStream = process.stderr): SeedProgress {
  let current: { table: string; started: number; rows: number } | null = null;
  const rate = (rows: number, since: number) => Math.round(rows / Math.max((performance.now() - since) / 1000, 1e-3));
  const bar = stream.isTTY
    ? new cliProgress.SingleBar(
        { format: `${pc.cyan('{table}')} {bar} {value}/{total} {unit}{rate} | {duration_formatted}`, hideCursor: true, stream, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const finish = () => {
    if (!current) return;
    const seconds = (performance.now() - current.started) / 1000;
    if (bar) bar.stop();
    else if (isStep(current.table)) stream.write(`${current.table}: ${current.rows} in ${seconds.toFixed(2)} s\n`);
    else stream.write(`${current.table}: ${current.rows} rows in ${seconds.toFixed(2)} s (${rate(current.rows, current.started)} rows/s)\n`);
  };
  return {
    update({ table, rows, total }) {
      if (current?.table !== table) {
        finish();
        current = { table, started: performance.now(), rows: 0 };
        bar?.start(total, 0, { table: table.padEnd(28), unit: isStep(table) ? 'steps' : 'rows', rate: '' });
      }
      current.rows = rows;
      bar?.setTotal(Math.max(total, rows));
      bar?.update(rows, { rate: isStep(table) ? '' : ` | ${rate(rows, current.started)} rows/s` });
    },
    stop() {
      finish();
      current = null;
    },
  };
}
