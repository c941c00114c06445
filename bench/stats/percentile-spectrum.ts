import * as hdr from 'hdr-histogram-js';
import type { PercentilePoint } from '../results/types.ts';

/** Points per decade of 1/(1−p): 0, 43.8, 68.4, 82.2, 90, … , 99, … , 99.9 … */
const POINTS_PER_DECADE = 4;

/**
 * The percentile spectrum of a base64 HDR histogram (microseconds) in milliseconds, as
 * HdrHistogram's plotter draws it on a log 1/(1−p) axis: p = 1 − 10^(−k/4) for k = 0, 1, …
 * while 1/(1−p) stays within the request count (beyond it every percentile is the max),
 * then the max itself as percentile 100. Empty for an empty histogram.
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
      points.push({ percentile: Math.round(percentile * 1e4) / 1e4, ms: toMs(Math.min(histogram.getValueAtPercentile(percentile), max)) });
    }
    points.push({ percentile: 100, ms: toMs(max) });
    return points;
  } finally {
    histogram.destroy();
  }
}

function toMs(micros: number): number {
  return Math.round(micros) / 1000;
}
