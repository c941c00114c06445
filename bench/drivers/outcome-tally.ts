import type * as hdr from 'hdr-histogram-js';
import { createLatencyHistogram, createSecondHistogram, encodeHistogram, latencyFromHistogram, p95Ms, recordMs } from './hdr.ts';
import type { DriverOutput, StatusClasses } from './types.ts';

/** The class of an answer's status; 0 = no answer (transport failure). */
export function statusClass(status: number): keyof StatusClasses {
  if (status === 0) return 'transport';
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  if (status >= 400 && status < 500) return '4xx';
  return '5xx';
}

/** The counting part of a DriverOutput. */
export type OutcomeFigures = Pick<
  DriverOutput,
  'requests' | 'errors' | 'non2xx' | 'succeeded' | 'failed' | 'statusClasses' | 'failureRate' | 'throughput' | 'perSecond' | 'latencyMs' | 'histogram' | 'failureHistogram'
> &
  Required<Pick<DriverOutput, 'p95PerSecond' | 'perSecondHistograms'>>;

/**
 * Counts one window's outcomes apart: successes (2xx) feed throughput, the per-second series, the
 * latency histogram and, when their second is known, that second's own (coarser) histogram, whose
 * p95 is the latency-over-time series; failures (other statuses, transport errors) get their own count per class
 * and their own histogram, so failing fast never reads as fast.
 */
export class OutcomeTally {
  private readonly successes = createLatencyHistogram();
  private readonly failures = createLatencyHistogram();
  private readonly perSecond: number[];
  private readonly secondHistograms: (hdr.Histogram | undefined)[] = [];
  private readonly classes: StatusClasses = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, transport: 0 };

  constructor(private readonly durationSec: number) {
    this.perSecond = new Array(durationSec).fill(0);
  }

  /**
   * One outcome. `second`: where it lands in the window (clamped into it); `latencyMs` null when
   * unknown (a refused connection).
   */
  record(status: number, second: number, latencyMs: number | null): void {
    this.count(status, second);
    if (latencyMs !== null) this.time(status, latencyMs, second);
  }

  /** Counts an outcome without its latency (k6 reports count and duration as separate samples). */
  count(status: number, second: number): void {
    const kind = statusClass(status);
    this.classes[kind]++;
    if (kind !== '2xx') return;
    const at = Math.max(0, Math.min(this.durationSec - 1, second));
    this.perSecond[at] = (this.perSecond[at] ?? 0) + 1;
  }

  /** Records an outcome's latency into the success or the failure histogram, and a success's into its second's when given. */
  time(status: number, latencyMs: number, second?: number): void {
    if (statusClass(status) !== '2xx') return recordMs(this.failures, latencyMs);
    recordMs(this.successes, latencyMs);
    if (second === undefined) return;
    const at = Math.max(0, Math.min(this.durationSec - 1, second));
    recordMs((this.secondHistograms[at] ??= createSecondHistogram()), latencyMs);
  }

  /** Successes counted so far in `second` (for live ticks). */
  successesIn(second: number): number {
    return this.perSecond[second] ?? 0;
  }

  figures(): OutcomeFigures {
    const counts = outcomeCounts(this.classes);
    return {
      ...counts,
      throughput: counts.succeeded / this.durationSec,
      perSecond: [...this.perSecond],
      p95PerSecond: this.perSecond.map((_, second) => p95Ms(this.secondHistograms[second])),
      perSecondHistograms: this.perSecond.map((_, second) => {
        const histogram = this.secondHistograms[second];
        return histogram && histogram.totalCount > 0 ? encodeHistogram(histogram) : null;
      }),
      latencyMs: latencyFromHistogram(this.successes),
      histogram: this.successes.totalCount > 0 ? encodeHistogram(this.successes) : null,
      failureHistogram: this.failures.totalCount > 0 ? encodeHistogram(this.failures) : null,
    };
  }
}

/** The counts a window's status classes make: 2xx succeed; non-2xx answers and transport errors fail. */
export function outcomeCounts(classes: StatusClasses): Pick<OutcomeFigures, 'requests' | 'errors' | 'non2xx' | 'succeeded' | 'failed' | 'statusClasses' | 'failureRate'> {
  const succeeded = classes['2xx'];
  const errors = classes.transport;
  const non2xx = classes['3xx'] + classes['4xx'] + classes['5xx'];
  const failed = non2xx + errors;
  return { requests: succeeded + non2xx, errors, non2xx, succeeded, failed, statusClasses: { ...classes }, failureRate: succeeded + failed === 0 ? null : failed / (succeeded + failed) };
}
