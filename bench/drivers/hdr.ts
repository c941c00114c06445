import * as hdr from 'hdr-histogram-js';
import type { LatencyMs } from './types.ts';

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Microseconds from 1 µs to 10 min, 3 significant digits: sub-ms endpoints keep their resolution. */
export function createLatencyHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

/**
 * One second's latencies (µs, 1 µs to 10 min): 2 significant digits in a packed array, small enough
 * to keep one per second of a long window; its p95 is within 1% of the exact one.
 */
export function createSecondHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 2, bitBucketSize: 'packed', useWebAssembly: false });
}

/** The 95th percentile in ms (µs precision) of a histogram; null when it holds nothing. */
export function p95Ms(histogram: hdr.Histogram | undefined): number | null {
  if (!histogram || histogram.totalCount === 0) return null;
  return round3(Math.min(histogram.getValueAtPercentile(95), histogram.maxValue) / 1000);
}

/** Records a latency given in (fractional) milliseconds; values clamp into the trackable range. */
export function recordMs(histogram: hdr.Histogram, ms: number): void {
  histogram.recordValue(Math.min(600_000_000, Math.max(1, Math.round(ms * 1000))));
}


/**
 * Percentiles in milliseconds with microsecond precision; all zero for an empty histogram.
 * `exactMaxUs`: the true max when known apart (a sum of decoded histograms only knows its top bucket).
 */
export function latencyFromHistogram(histogram: hdr.Histogram, exactMaxUs: number = histogram.maxValue): LatencyMs {
  if (histogram.totalCount === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  // HDR answers a bucket's highest equivalent value, which can exceed the exact max: clamp to it.
  const max = exactMaxUs;
  const at = (p: number): number => round3(Math.min(histogram.getValueAtPercentile(p), max) / 1000);
  return {
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    max: round3(max / 1000),
    mean: round3(histogram.mean / 1000),
  };
}

export function encodeHistogram(histogram: hdr.Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(base64: string): hdr.Histogram {
  return hdr.decodeFromCompressedBase64(base64, 32, false);
}
