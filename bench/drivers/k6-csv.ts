import type { Histogram } from 'hdr-histogram-js';
import { createLatencyHistogram, recordMs } from './hdr.ts';
import type { TickEvent } from './types.ts';

/**
 * Folds k6's CSV sample stream (`--out csv`, unix_milli timestamps) line by line in constant
 * memory: per-second request counts, transport errors and non-2xx of the `measure` scenario,
 * dropped iterations, and a µs HDR histogram of http_req_duration. Samples of any other scenario
 * (a script's own warm-up, when run by hand) are ignored: the driver runs one measured window.
 */
export class K6CsvAggregator {
  readonly histogram: Histogram = createLatencyHistogram();
  readonly perSecond: number[];
  requests = 0;
  errors = 0;
  non2xx = 0;
  droppedIterations = 0;
  /** When the first `measure` sample arrived (ms since epoch, k6's clock), or null. */
  measureStartMs: number | null = null;
  private columns: Record<string, number> | null = null;
  private ticked = 0;

  constructor(
    private readonly durationSec: number,
    private readonly onTick?: (tick: TickEvent) => void,
  ) {
    this.perSecond = new Array(durationSec).fill(0);
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
    const status = Number(cell('status'));
    if (metric === 'dropped_iterations') this.droppedIterations += Number(cell('metric_value'));
    if (metric === 'http_req_duration' && status > 0) recordMs(this.histogram, Number(cell('metric_value')));
    if (metric !== 'http_reqs') return;
    const second = this.second(time);
    if (status === 0) {
      this.errors++;
    } else {
      this.requests++;
      this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
      if (status < 200 || status > 299) this.non2xx++;
    }
    this.tickUpTo(second - 1);
  }

  /** Emits the ticks not yet sent (call once the stream ended). */
  flush(): void {
    this.tickUpTo(this.durationSec - 1);
  }

  private second(time: number): number {
    // Completions during k6's graceful stop land in the last second rather than outside the window.
    return Math.max(0, Math.min(this.durationSec - 1, Math.floor((time - (this.measureStartMs ?? time)) / 1000)));
  }

  private tickUpTo(second: number): void {
    for (; this.ticked <= second; this.ticked++) {
      this.onTick?.({ second: this.ticked, reqPerSec: this.perSecond[this.ticked] ?? 0 });
    }
  }
}
