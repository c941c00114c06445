import { OutcomeTally, type OutcomeFigures } from './outcome-tally.ts';
import type { TickEvent } from './types.ts';

/**
 * Folds k6's CSV sample stream (`--out csv`, unix_milli timestamps) line by line in constant
 * memory: outcomes of the `measure` scenario per status class (from each http_reqs sample's
 * `status`; 0 = transport error), per-second successes, µs HDR histograms of http_req_duration
 * for successes and failures apart, and dropped iterations. Samples of any other scenario (a
 * script's own warm-up, when run by hand) are ignored: the driver runs one measured window.
 */
export class K6CsvAggregator {
  droppedIterations = 0;
  /** When the first `measure` sample arrived (ms since epoch, k6's clock), or null. */
  measureStartMs: number | null = null;
  private readonly tally: OutcomeTally;
  private columns: Record<string, number> | null = null;
  private ticked = 0;

  constructor(
    private readonly durationSec: number,
    private readonly onTick?: (tick: TickEvent) => void,
  ) {
    this.tally = new OutcomeTally(durationSec);
  }

  line(text: string): void {
    if (!text) return;
    const cells = text.split(',');
    if (!this.columns) {
      this.columns = Object.fromEntries(cells.map((name, i) => [name, i]));
      return;
    }
    const cell = (name: string) => cells[this.columns?.[name] ?? -1] ?? '';
    if (cell('scenario') !== 'measure') return;
    const metric = cell('metric_name');
    const time = Number(cell('timestamp'));
    this.measureStartMs ??= time;
    const status = Number(cell('status')) || 0;
    if (metric === 'dropped_iterations') this.droppedIterations += Number(cell('metric_value'));
    if (metric === 'http_req_duration') this.tally.time(status, Number(cell('metric_value')), this.second(time));
    if (metric !== 'http_reqs') return;
    const second = this.second(time);
    this.tally.count(status, second);
    this.tickUpTo(second - 1);
  }

  /** Emits the ticks not yet sent (call once the stream ended). */
  flush(): void {
    this.tickUpTo(this.durationSec - 1);
  }

  figures(): OutcomeFigures {
    return this.tally.figures();
  }

  private second(time: number): number {
    // Completions during k6's graceful stop land in the last second rather than outside the window.
    return Math.max(0, Math.min(this.durationSec - 1, Math.floor((time - (this.measureStartMs ?? time)) / 1000)));
  }

  private tickUpTo(second: number): void {
    for (; this.ticked <= second; this.ticked++) {
      this.onTick?.({ second: this.ticked, reqPerSec: this.tally.successesIn(this.ticked) });
    }
  }
}
