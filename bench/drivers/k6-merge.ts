import { createLatencyHistogram, createSecondHistogram, decodeHistogram, encodeHistogram, latencyFromHistogram, p95Ms } from './hdr.ts';
import { outcomeCounts, type OutcomeFigures } from './outcome-tally.ts';
import type { StatusClasses, TickEvent } from './types.ts';

/**
 * Merges the figures of instances that each ran a slice of one test (k6 execution segments, or
 * k6-operator pods) into the figures of the whole: counts summed, per-second series summed second
 * by second, histograms (the window's and each second's) added bucket by bucket so the percentiles are those of every sample —
 * never an average of per-instance percentiles, which is no percentile of anything.
 */
export function mergeFigures(parts: readonly OutcomeFigures[], durationSec: number): OutcomeFigures {
  if (parts.length === 0) throw new RangeError('nothing to merge: no instance output');
  const classes: StatusClasses = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, transport: 0 };
  const perSecond = new Array<number>(durationSec).fill(0);
  for (const part of parts) {
    for (const kind of Object.keys(classes) as (keyof StatusClasses)[]) classes[kind] += part.statusClasses[kind];
    part.perSecond.forEach((n, second) => {
      const at = Math.min(durationSec - 1, second);
      perSecond[at] = (perSecond[at] ?? 0) + n;
    });
  }
  const successes = addHistograms(parts.map((p) => p.histogram));
  const seconds = perSecond.map((_, second) => addHistograms(parts.map((p) => p.perSecondHistograms?.[second] ?? null), createSecondHistogram));
  const failures = addHistograms(parts.map((p) => p.failureHistogram));
  const counts = outcomeCounts(classes);
  return {
    ...counts,
    throughput: counts.succeeded / durationSec,
    perSecond,
    p95PerSecond: seconds.map((histogram) => p95Ms(histogram)),
    perSecondHistograms: seconds.map((histogram) => (histogram.totalCount > 0 ? encodeHistogram(histogram) : null)),
    // each part's max is exact (integer µs); the sum of decoded histograms knows only the top bucket's
    latencyMs: latencyFromHistogram(successes, Math.round(1000 * Math.max(0, ...parts.map((p) => p.latencyMs.max)))),
    histogram: successes.totalCount > 0 ? encodeHistogram(successes) : null,
    failureHistogram: failures.totalCount > 0 ? encodeHistogram(failures) : null,
  };
}

/** The sum of encoded µs histograms (null: that instance had none), in a histogram of the parts' own precision. */
function addHistograms(encoded: readonly (string | null)[], create = createLatencyHistogram) {
  const sum = create();
  for (const base64 of encoded) if (base64) sum.add(decodeHistogram(base64));
  return sum;
}

/**
 * Live progress of instances running side by side: instance `index` reports its seconds through
 * the function returned for it; second s is passed on, summed, once every instance reported it.
 */
export function combineTicks(instances: number, onTick?: (tick: TickEvent) => void): (index: number) => ((tick: TickEvent) => void) | undefined {
  if (!onTick) return () => undefined;
  if (instances === 1) return () => onTick;
  const seen = new Map<number, number[]>();
  return (index) => (tick) => {
    const rates = seen.get(tick.second) ?? [];
    rates[index] = tick.reqPerSec;
    seen.set(tick.second, rates);
    if (rates.filter((r) => r !== undefined).length < instances) return;
    seen.delete(tick.second);
    onTick({ second: tick.second, reqPerSec: rates.reduce((a, b) => a + b, 0) });
  };
}
