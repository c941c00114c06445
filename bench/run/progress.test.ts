import { describe, expect, it } from 'vitest';
import { planRuns } from './plan.ts';
import { createProgress, DEFAULT_RUN_OVERHEAD_SEC } from './progress.ts';

/** A stream that records what is written, and a clock the test moves. */
function fixture(tty: boolean, columns?: number) {
  const written: string[] = [];
  let ms = 0;
  const progress = createProgress({ write: (text: string) => (written.push(text), true), isTTY: tty, columns }, () => ms);
  return { written, progress, advance: (seconds: number) => void (ms += seconds * 1000) };
}

const runs = planRuns(['catalog-kv'], ['autocannon'], 2); // 4 runs: 2 first ones warm up
const timing = { durationSec: 4, warmupSec: 2 };

describe('createProgress', () => {
  it('piped: one line per finished run with an ETA from the plan and the measured overhead', () => {
    const { written, progress, advance } = fixture(false);
    advance(10); // setup before the first run counts as elapsed
    progress.plan(runs, timing);
    progress.start(runs[0]!, 0, 4, 4);
    progress.tick(1, 1234);
    expect(written).toEqual([]);
    advance(8); // planned 6 s (4 + 2 warm-up): 2 s of overhead measured
    progress.done('1,234 req/s');
    // left: run 2 (4 + 2 warm-up) and runs 3, 4 (4 each) = 14 s, plus 3 × 2 s overhead
    expect(written).toEqual(['run 1/4 · catalog-kv naive (autocannon #1) · ETA 0:20 · 1,234 req/s\n']);
    progress.start(runs[1]!, 1, 4, 4);
    advance(1);
    progress.tick(1, 5);
    progress.done('5 req/s'); // overhead now the mean of 2 s and 0 s: runs 3 and 4 left, 2 × (4 + 1)
    expect(written.at(-1)).toBe('run 2/4 · catalog-kv optimized (autocannon #1) · ETA 0:10 · 5 req/s\n');
  });

  it('uses the default overhead until a run is measured, and counts the current run down', () => {
    const { written, progress, advance } = fixture(true);
    progress.plan(runs, timing);
    progress.start(runs[0]!, 0, 4, 4);
    advance(3);
    progress.tick(1, 99);
    const eta = 6 + 6 + 4 + 4 + 4 * DEFAULT_RUN_OVERHEAD_SEC - 3;
    expect(written.at(-1)).toBe(`\r\x1b[2Krun 1/4 · catalog-kv naive (autocannon #1) · elapsed 0:03 · ETA 0:${eta} · 1s · 99 req/s`);
  });

  it('on a TTY fits the live line to the terminal width', () => {
    const { written, progress } = fixture(true, 40);
    progress.plan(runs, timing);
    progress.start(runs[0]!, 0, 4, 4);
    const line = (written.at(-1) ?? '').replace('\r\x1b[2K', '');
    expect(line.length).toBeLessThan(40);
    expect(line.endsWith('…')).toBe(true);
  });

  it('wraps a finished run\'s line and any message at 100 columns, piped or on a TTY', () => {
    for (const tty of [false, true]) {
      const { written, progress } = fixture(tty, 200);
      progress.plan(runs, timing);
      progress.start(runs[0]!, 0, 4, 4);
      progress.done(`12 req/s · p95 2385.21 ms · 271 q/req · 40 failed (30 5xx, 10 transport; 76.9%) · generator-bound: ${'the generator used 0.95 core '.repeat(3)}`);
      progress.line(`partial report (3 complete runs) in /var/lib/ci/${'long-folder-name/'.repeat(8)}results.md`);
      // the kept lines (the live status line is redrawn to the terminal's own width)
      const lines = written.filter((chunk) => chunk.endsWith('\n')).join('').replace(/\r\x1b\[2K/g, '').split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(2);
      expect(lines.filter((line) => line.length > 100)).toEqual([]);
      // the first line starts flush, the rest hang under it
      expect(lines[0]).toMatch(/^run 1\/4 · catalog-kv naive/);
      expect(lines.slice(1).every((line) => line.startsWith('    ') || line.startsWith('partial report'))).toBe(true);
    }
  });
});
