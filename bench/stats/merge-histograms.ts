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
 * Percentiles of a base64 HDR histogram recorded in microseconds, in milliseconds rounded to
 * the microsecond (0.412 ms), the unit results.json uses; all zero when it is empty.
 */
export function latencyFromEncoded(encoded: string): LatencyMs & { count: number } {
  const histogram = hdr.decodeFromCompressedBase64(encoded);
  try {
    const count = histogram.totalCount;
    if (count === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0, count };
    const max = histogram.maxValue;
    // HDR answers a bucket's highest equivalent value, which can exceed the exact max.
    const at = (percentile: number) => toMs(Math.min(histogram.getValueAtPercentile(percentile), max));
    return { p50: at(50), p90: at(90), p95: at(95), p99: at(99), p999: at(99.9), max: toMs(max), mean: toMs(histogram.mean), count };
  } finally {
    histogram.destroy();
  }
}

function toMs(micros: number): number {
  return Math.round(micros) / 1000;
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
