import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let clockTicks: number | null = null;

/** CPU seconds (user + system) a live process has used, from /proc; null off Linux or once it is gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may contain spaces): utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/**
 * Samples a child's CPU every `intervalMs` so the last reading before it exits is kept;
 * `coresSince(mark)` is the CPU it used since `mark()`, in cores (1.0 = one core busy).
 */
export function sampleProcessCpu(pid: number, intervalMs = 250) {
  let last: { at: number; cpu: number } | null = null;
  let origin: { at: number; cpu: number } | null = null;
  const take = () => {
    const cpu = processCpuSeconds(pid);
    if (cpu !== null) last = { at: performance.now(), cpu };
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    mark(): void {
      take();
      origin = last;
    },
    stop(): void {
      clearInterval(timer);
    },
    /** Cores used between mark() (or the first sample) and the last sample; 0 when /proc is unavailable. */
    cores(): number {
      const from = origin ?? null;
      const to = last as { at: number; cpu: number } | null;
      if (!from || !to || to.at <= from.at) return 0;
      return (to.cpu - from.cpu) / ((to.at - from.at) / 1000);
    },
  };
}
