import { wrapText } from '../../lib/wrap-text.ts';
import { TERMINAL_WIDTH } from '../report/render-terminal.ts';
import { formatClock, plannedSeconds, remainingSeconds, type PlannedRun, type RunTiming } from './plan.ts';

/** Seconds a run costs beyond its planned windows (reset, stats, generator start) until one is measured. */
export const DEFAULT_RUN_OVERHEAD_SEC = 1.5;

export interface ProgressReporter {
  /** The runs about to start: the ETA is their planned seconds plus a measured per-run overhead. */
  plan(runs: readonly PlannedRun[], timing: RunTiming): void;
  start(run: PlannedRun, index: number, total: number, seconds: number): void;
  tick(second: number, reqPerSec: number): void;
  done(summary: string): void;
  line(text: string): void;
}

/** What progress writes to: a stream, and whether it is a terminal and how wide. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

/**
 * hyperfine-style: "run 7/120 · orders-with-items optimized (autocannon #3) · elapsed 1:32 ·
 * ETA 6:10". On a TTY one live line, fitted to the terminal's width, that becomes the run's
 * summary (ETA and figures) when it ends; elsewhere (CI logs, pipes) one such line per finished run.
 * `now` (milliseconds) is a parameter so a test can drive the clock.
 */
export function createProgress(stream: ProgressStream = process.stderr, now: () => number = Date.now): ProgressReporter {
  const live = stream.isTTY === true;
  const startedAt = now();
  let planned: number[] = [];
  const overheads: number[] = [];
  let current: { run: PlannedRun; index: number; total: number; startedAt: number } | null = null;
  let rate = '';

  const overhead = () => (overheads.length === 0 ? DEFAULT_RUN_OVERHEAD_SEC : overheads.reduce((a, b) => a + b, 0) / overheads.length);
  const status = (finished = false): string => {
    if (!current) return '';
    const { run, index, total } = current;
    const inRun = (now() - current.startedAt) / 1000;
    const thisRun = finished ? 0 : Math.max(0, (planned[index] ?? 0) + overhead() - inRun);
    const left = thisRun + remainingSeconds(planned, index + 1, overhead());
    // a finished run's line leaves out the elapsed time so its figures keep to one line
    const elapsed = finished ? '' : ` · elapsed ${formatClock((now() - startedAt) / 1000)}`;
    return `run ${index + 1}/${total} · ${run.comparison} ${run.variant} (${run.driver} #${run.repeat})${elapsed} · ETA ${formatClock(left)}`;
  };
  const fit = (text: string) => (stream.columns && text.length >= stream.columns ? `${text.slice(0, stream.columns - 2)}…` : text);
  const redraw = () => stream.write(`\r\x1b[2K${fit([status(), rate].filter(Boolean).join(' · '))}`);

  return {
    plan(runs, timing) {
      planned = plannedSeconds(runs, timing);
    },
    start(run, index, total) {
      current = { run, index, total, startedAt: now() };
      rate = 'starting…';
      if (live) redraw();
    },
    tick(second, reqPerSec) {
      rate = `${second}s · ${Math.round(reqPerSec).toLocaleString('en-US')} req/s`;
      if (live) redraw();
    },
    done(summary) {
      if (current) overheads.push(Math.max(0, (now() - current.startedAt) / 1000 - (planned[current.index] ?? 0)));
      const text = fitLines(`${status(true)} · ${summary}`);
      stream.write(live ? `\r\x1b[2K${text}\n` : `${text}\n`);
      current = null;
    },
    line(text) {
      const lines = text.split('\n').map(fitLines).join('\n');
      stream.write(live ? `\r\x1b[2K${lines}\n` : `${lines}\n`);
    },
  };
}

/** A line kept in the log (a finished run, a message), wrapped to 100 columns with a hanging indent. */
function fitLines(text: string): string {
  return text.length <= TERMINAL_WIDTH ? text : wrapText(text, TERMINAL_WIDTH, '    ', '').join('\n');
}
