import * as hdr from 'hdr-histogram-js';
import type { LatencyMs } from '../results/types.ts';

/**
 * Merges HDR histograms (base64, microseconds) recorded by separate runs into one, so
 * percentiles over repeats come from all the requests together. Averaging per-run
 * percentiles is wrong (the mean of two p99s is not a p99); adding histograms is exact.
 * Returns the merged histogram as compressed base64, or null for an empty list.
 */
export function mergeHistograms(encoded: string[]): string | null {
  if (encoded.length === 0) return null;
  const merged = hdr.build({ numberOfSignificantValueDigits: 3 });
  try {
    for (const base64 of encoded) {
      const histogram = hdr.decodeFromCompressedBase64(base64);
      merged.add(histogram);
      histogram.destroy();
    }
    return hdr.encodeIntoCompressedBase64(merged);
  } finally {
    merged.destroy();
  }
}

/**
 * Percentiles of a base64 HDR histogram recorded in microseconds, in milliseconds with
 * microsecond resolution (0.412 ms), the unit results.json uses.
 */
export function latencyFromHistogram(encoded: string): LatencyMs & { count: number } {
  const histogram = hdr.decodeFromCompressedBase64(encoded);
  try {
    const at = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
    return {
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      p999: at(99.9),
      max: histogram.maxValue / 1000,
      mean: histogram.mean / 1000,
      count: histogram.totalCount,
    };
  } finally {
    histogram.destroy();
  }
}

/** Encodes latencies given in microseconds as a base64 HDR histogram (what drivers store). */
export function encodeLatenciesMicros(values: Iterable<number>): string {
  const histogram = hdr.build({ numberOfSignificantValueDigits: 3 });
  try {
    for (const value of values) histogram.recordValue(Math.max(0, Math.round(value)));
    return hdr.encodeIntoCompressedBase64(histogram);
  } finally {
    histogram.destroy();
  }
}
