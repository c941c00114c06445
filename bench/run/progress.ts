import pc from 'picocolors';
import type { PlannedRun } from './plan.ts';

export interface ProgressReporter {
  start(run: PlannedRun, index: number, total: number, seconds: number): void;
  tick(second: number, reqPerSec: number): void;
  done(summary: string): void;
  line(text: string): void;
}

/**
 * On a TTY: one live line per run (elapsed/remaining, live req/s) that becomes the run's
 * summary when it ends. Elsewhere (CI logs, pipes): one plain line per finished run.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const live = stream.isTTY === true;
  let label = '';
  let seconds = 0;
  const write = (text: string) => stream.write(live ? `\r\x1b[2K${text}` : `${text}\n`);
  return {
    start(run, index, total, runSeconds) {
      seconds = runSeconds;
      label = `[${index + 1}/${total}] ${pc.bold(run.comparison)} ${run.variant === 'naive' ? pc.yellow('naive') : pc.green('optimized')} ${pc.dim(`${run.driver} #${run.repeat}`)}`;
      if (live) write(`${label}  starting…`);
    },
    tick(second, reqPerSec) {
      if (live) write(`${label}  ${second}s/${seconds}s  ${Math.round(reqPerSec).toLocaleString('en-US')} req/s`);
    },
    done(summary) {
      write(`${label}  ${summary}`);
      if (live) stream.write('\n');
    },
    line(text) {
      stream.write(`${text}\n`);
    },
  };
}
