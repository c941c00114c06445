import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seeded-random.ts';
import { K6CsvAggregator } from './k6-csv.ts';
import { combineTicks, mergeFigures } from './k6-merge.ts';
import { mergedThresholds } from './k6-merge-thresholds.ts';
import { segmentFlags, segmentSequence } from './k6-segments.ts';

const HEADER = 'metric_name,timestamp,metric_value,check,error,expected_response,method,name,scenario,status,extra_tags';
const DURATION = 5;
const T0 = 1_700_000_000_000;

interface Sample {
  iteration: number;
  timeMs: number;
  status: number;
  latencyMs: number;
}

/**
 * A recorded-like sample set: 60 arrivals/s for 5 s, latencies from a heavy-tailed mix (sub-ms to
 * ~200 ms), a few 503s and transport failures. The first arrival of every instance is at time zero,
 * as when k6 instances start together.
 */
function sampleSet(instances: number): Sample[] {
  const rnd = seededRandom(7);
  const samples: Sample[] = [];
  for (let iteration = 0; iteration < 60 * DURATION; iteration++) {
    const timeMs = iteration < instances ? T0 : T0 + Math.floor((iteration * 1000) / 60) + 3;
    const roll = rnd();
    const status = roll < 0.03 ? 503 : roll < 0.04 ? 0 : 200;
    const latencyMs = rnd() < 0.05 ? 20 + rnd() * 180 : 0.2 + rnd() * 4;
    samples.push({ iteration, timeMs, status, latencyMs: Math.round(latencyMs * 1000) / 1000 });
  }
  return samples;
}

/** The lines k6's `--out csv` writes for one iteration of the measure scenario. */
function csvLines({ timeMs, status, latencyMs }: Sample): string[] {
  const tags = `,,,${status >= 200 && status < 300},GET,GET /optimized/products/:id,measure,${status || ''},`;
  return [`http_reqs,${timeMs},1${tags}`, `http_req_duration,${timeMs},${latencyMs}${tags}`];
}

function aggregate(samples: Sample[]) {
  const csv = new K6CsvAggregator(DURATION);
  for (const line of [HEADER, ...samples.flatMap(csvLines)]) csv.line(line);
  csv.flush();
  return csv.figures();
}

describe('execution segments', () => {
  it('builds the flags k6-operator gives the pods of a TestRun with parallelism N', () => {
    // the expectations are k6-operator's own (pkg/segmentation/suite_test.go, runner_test.go)
    expect(segmentFlags(0, 4)).toEqual(['--execution-segment=0:1/4', '--execution-segment-sequence=0,1/4,2/4,3/4,1']);
    expect(segmentFlags(2, 3)).toEqual(['--execution-segment=2/3:1', '--execution-segment-sequence=0,1/3,2/3,1']);
    expect(segmentFlags(0, 1)).toEqual([]);
    expect(segmentSequence(2)).toBe('0,1/2,1');
    expect(() => segmentFlags(4, 4)).toThrow(/outside/);
  });
});

describe('merging segment outputs', () => {
  it.each([2, 3, 4])('equals the single-instance aggregate exactly over %i segments (same histogram, same counts)', (instances) => {
    const samples = sampleSet(instances);
    const whole = aggregate(samples);
    // equal segments of one sequence stripe the iterations: instance k gets every N-th one
    const slices = Array.from({ length: instances }, (_, k) => samples.filter((s) => s.iteration % instances === k));
    const merged = mergeFigures(slices.map(aggregate), DURATION);
    expect(whole.failed).toBeGreaterThan(0);
    expect(merged).toEqual(whole);
    expect(merged.histogram).toBe(whole.histogram);
    expect(merged.failureHistogram).toBe(whole.failureHistogram);
  });

  it('does not average percentiles: one slow slice moves the merged p99 to where all samples put it', () => {
    const fast = aggregate(Array.from({ length: 99 }, (_, i) => ({ iteration: i, timeMs: T0, status: 200, latencyMs: 1 })));
    const slow = aggregate([{ iteration: 99, timeMs: T0, status: 200, latencyMs: 500 }]);
    const merged = mergeFigures([fast, slow], DURATION);
    // averaged p99s would say 250.5 ms; over all 100 samples the 99th percentile is 1 ms, the max 500 ms
    expect(merged.latencyMs.p99).toBe(1);
    expect(merged.latencyMs.max).toBe(500);
    expect(merged.succeeded).toBe(100);
  });

  it('refuses to merge nothing', () => {
    expect(() => mergeFigures([], DURATION)).toThrow(/nothing to merge/);
  });
});

describe('live progress of instances side by side', () => {
  it('passes second s on, summed, once every instance reported it', () => {
    const seen: { second: number; reqPerSec: number }[] = [];
    const tick = combineTicks(2, (t) => seen.push(t));
    tick(0)?.({ second: 0, reqPerSec: 10 });
    tick(0)?.({ second: 1, reqPerSec: 12 });
    expect(seen).toEqual([]);
    tick(1)?.({ second: 0, reqPerSec: 9 });
    tick(1)?.({ second: 1, reqPerSec: 11 });
    expect(seen).toEqual([
      { second: 0, reqPerSec: 19 },
      { second: 1, reqPerSec: 23 },
    ]);
  });
});

describe('thresholds judged on the merged samples', () => {
  const summary = (passes: number, fails: number) => ({
    metrics: {
      'http_req_failed{scenario:measure}': { type: 'rate', values: { passes, fails, rate: passes / (passes + fails) }, thresholds: { 'rate<0.01': { ok: true } } },
      'http_req_duration{scenario:measure}': { type: 'trend', values: {}, thresholds: { 'p(99)<100': { ok: true } } },
    },
  });

  it('sums passes and fails across slices, and reads latency from the merged histograms', () => {
    const fast = aggregate(Array.from({ length: 99 }, (_, i) => ({ iteration: i, timeMs: T0, status: 200, latencyMs: 1 })));
    const slow = aggregate([{ iteration: 99, timeMs: T0, status: 200, latencyMs: 500 }, { iteration: 100, timeMs: T0, status: 200, latencyMs: 500 }]);
    const merged = mergeFigures([fast, slow], DURATION);
    // a Rate's `passes` are its true samples (failed requests): 0.5% of slice 1, 15% of the small
    // slice 2; averaging the slices' rates would say 7.75%, all samples say 4 / 220 = 1.8%
    const results = mergedThresholds([summary(1, 199), summary(3, 17)], merged);
    expect(results.find((r) => r.metric.startsWith('http_req_failed'))).toMatchObject({ passed: false, actual: 0.018 });
    // 2 of 101 samples at 500 ms: the merged p99 is 500 ms although slice 1's p99 is 1 ms
    expect(results.find((r) => r.metric.startsWith('http_req_duration'))).toMatchObject({ passed: false });
  });

  it('refuses a threshold it cannot merge exactly', () => {
    const gauge = { metrics: { vus: { type: 'gauge', values: { value: 3 }, thresholds: { 'value<10': { ok: true } } } } };
    expect(() => mergedThresholds([gauge], aggregate([]))).toThrow(/cannot be merged/);
  });
});
