import * as hdr from 'hdr-histogram-js';
import type { PercentilePoint } from '../results/types.ts';

/** Points per decade of 1/(1−p): 0, 43.8, 68.4, 82.2, 90, … , 99, … , 99.9 … */
const POINTS_PER_DECADE = 4;

/**
 * The percentile spectrum of a base64 HDR histogram (microseconds) in milliseconds, as
 * HdrHistogram's plotter draws it on a log 1/(1−p) axis: p = 1 − 10^(−k/4) for k = 0, 1, …
 * while 1/(1−p) stays within the request count (beyond it every percentile is the max),
 * then the max at the percentile where the slowest of N requests sits, 100·(1 − 1/N), so
 * every point has a finite 1/(1−p) = N at most. Empty for an empty histogram.
 */
export function percentileSpectrum(encoded: string): PercentilePoint[] {
  const histogram = hdr.decodeFromCompressedBase64(encoded);
  try {
    const count = histogram.totalCount;
    if (count === 0) return [];
    const max = histogram.maxValue;
    const points: PercentilePoint[] = [];
    for (let k = 0; 10 ** (k / POINTS_PER_DECADE) <= count; k++) {
      const percentile = 100 * (1 - 10 ** (-k / POINTS_PER_DECADE));
      // HDR answers a bucket's highest equivalent value, which can exceed the exact max.
      points.push({ percentile: round(percentile), ms: toMs(Math.min(histogram.getValueAtPercentile(percentile), max)) });
    }
    points.push({ percentile: round(100 * (1 - 1 / count)), ms: toMs(max) });
    return points;
  } finally {
    histogram.destroy();
  }
}

function round(percentile: number): number {
  return Math.round(percentile * 1e6) / 1e6;
}

function toMs(micros: number): number {
  return Math.round(micros) / 1000;
}
