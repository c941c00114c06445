import type { Histogram } from 'hdr-histogram-js';
import { createLatencyHistogram, recordMs } from './hdr.ts';
import type { TickEvent } from './types.ts';

/**
 * Folds k6's CSV sample stream (`--out csv`, unix_milli timestamps) line by line in constant
 * memory: per-second request counts, transport errors and non-2xx of the `measure` scenario,
 * dropped iterations, and a µs HDR histogram of http_req_duration. Warm-up samples only feed ticks.
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
  private phaseStart: Record<TickEvent['phase'], number | null> = { warmup: null, measure: null };
  private warmupPerSecond: number[] = [];
  private ticked: Record<TickEvent['phase'], number> = { warmup: 0, measure: 0 };

  constructor(
    private readonly durationSec: number,
    private readonly warmupSec: number,
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
    const phase = cell('scenario');
    if (phase !== 'measure' && phase !== 'warmup') return;
    const metric = cell('metric_name');
    const time = Number(cell('timestamp'));
    this.phaseStart[phase] ??= time;
    if (phase === 'measure' && this.measureStartMs === null) {
      this.measureStartMs = time;
      this.tickUpTo('warmup', this.warmupSec - 1);
    }
    const status = Number(cell('status'));
    if (metric === 'dropped_iterations' && phase === 'measure') this.droppedIterations += Number(cell('metric_value'));
    if (metric === 'http_req_duration' && phase === 'measure' && status > 0) recordMs(this.histogram, Number(cell('metric_value')));
    if (metric !== 'http_reqs') return;
    const second = this.second(phase, time);
    if (phase === 'warmup') {
      this.warmupPerSecond[second] = (this.warmupPerSecond[second] ?? 0) + 1;
    } else if (status === 0) {
      this.errors++;
    } else {
      this.requests++;
      this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
      if (status < 200 || status > 299) this.non2xx++;
    }
    this.tickUpTo(phase, second - 1);
  }

  /** Emits the ticks not yet sent (call once the stream ended). */
  flush(): void {
    this.tickUpTo('warmup', this.warmupSec - 1);
    this.tickUpTo('measure', this.durationSec - 1);
  }

  private second(phase: TickEvent['phase'], time: number): number {
    const last = (phase === 'measure' ? this.durationSec : this.warmupSec) - 1;
    // Completions during k6's graceful stop land in the last second rather than outside the window.
    return Math.max(0, Math.min(last, Math.floor((time - (this.phaseStart[phase] ?? time)) / 1000)));
  }

  private tickUpTo(phase: TickEvent['phase'], second: number): void {
    const counts = phase === 'measure' ? this.perSecond : this.warmupPerSecond;
    for (; this.ticked[phase] <= second; this.ticked[phase]++) {
      this.onTick?.({ phase, second: this.ticked[phase], reqPerSec: counts[this.ticked[phase]] ?? 0 });
    }
  }
}
