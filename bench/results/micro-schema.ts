import { z } from 'zod';
import { count } from './run-info-schema.ts';
import { ratioEstimateSchema } from './summary-schema.ts';

/** One micro-benchmark task: every repeat folded together once, when the run was assembled. */
export const microTaskSchema = z
  .strictObject({
    key: z.string().min(1).describe('Stable key `<suite>/<task>`, what a gate compares across runs.'),
    suite: z.string().min(1).describe('Suite id, the file bench/micro/<suite>.bench.ts.'),
    task: z.string().min(1).describe('Task name within its suite.'),
    meanNs: z.number().nonnegative().describe('Mean time per call over every sample of every repeat, nanoseconds.'),
    p99Ns: z.number().nonnegative().describe('Median over repeats of the per-repeat 99th percentile of the samples, nanoseconds (a sample is the mean of callsPerSample calls).'),
    samples: count().describe('Timed calls over all repeats (warm-up calls excluded).'),
    callsPerSample: z.int().min(1).describe('Calls timed together per sample: 1 for calls of about 20 µs or more, else a batch lasting about that long, so two clock reads per sample do not swamp the call.'),
    rme: z.number().nonnegative().describe('Relative margin of error of meanNs at 95%, percent: 1.96 × pooled standard error / mean over every sample (batch means when batched) (calls within a run are not independent: the pair interval is the figure to trust).'),
    hz: z.number().nonnegative().describe('Calls per second, 1e9 / meanNs.'),
    repeatMeansNs: z.array(z.number().nonnegative()).describe('Mean time per call of each repeat, nanoseconds, in repeat order: the samples of the pair intervals.'),
    enoughSamples: z.boolean().describe('True when every repeat timed at least the minimum calls (micro.options.minSamples): enough for V8 to have optimized the code and for a stable mean.'),
    gc: z
      .strictObject({
        count: count().describe('Garbage collections observed while the task was timed (perf_hooks gc entries), summed over repeats.'),
        totalMs: z.number().nonnegative().describe('Time those collections took, ms.'),
        share: z.number().min(0).describe('totalMs over the wall time of the timed runs, 0..1: the part of the mean that is GC.'),
        heapDeltaBytes: z.number().describe('Median over repeats of heap used after the run minus before (a collection runs before each run when gc is exposed).'),
      })
      .describe('Garbage collection during the timed runs: allocation-heavy alternatives pay part of their cost here.'),
  })
  .describe('One micro-benchmark task, its repeats folded together.')
  .meta({ id: 'microTask' });

/** Two tasks of one suite against each other. */
export const microPairSchema = z
  .strictObject({
    key: z.string().min(1).describe('Stable key `<suite>/<baseline>-vs-<candidate>`, what a gate compares across runs.'),
    suite: z.string().min(1).describe('Suite id.'),
    baseline: z.string().min(1).describe('Task that is the code base\'s way or the common one.'),
    candidate: z.string().min(1).describe('Task that is the alternative.'),
    speedup: ratioEstimateSchema.describe('baseline mean time / candidate mean time over interleaved repeats (> 1: the candidate is faster), 95% Student-t interval on the mean per-repeat log ratio.'),
  })
  .describe('Two tasks of one suite compared over interleaved repeats.')
  .meta({ id: 'microPair' });

/** A `perflab micro` run: the options, the suites, every task and every pair. */
export const microSectionSchema = z
  .strictObject({
    options: z
      .strictObject({
        timeMs: z.number().positive().describe('Timed budget of each task per repeat, ms.'),
        warmupMs: z.number().nonnegative().describe('Untimed warm-up of each task before each repeat, ms (JIT tiers reached before timing).'),
        repeats: z.int().min(1).describe('Repeats per task, interleaved: forward task order on odd repeats, reversed on even ones.'),
        minSamples: count().describe('Timed calls a repeat needs for enoughSamples.'),
        gcExposed: z.boolean().describe('True when a collection could be forced before each run (V8 gc exposed), so one task\'s garbage is not collected during the next.'),
      })
      .describe('How the micro-benchmarks were run.'),
    suites: z
      .array(
        z
          .strictObject({
            id: z.string().min(1).describe('Suite id.'),
            title: z.string().min(1).describe('What the suite times, in words.'),
            factor: z.string().min(1).describe('The one factor its tasks vary.'),
          })
          .describe('One suite that ran.'),
      )
      .describe('The suites that ran, in run order.'),
    tasks: z.array(microTaskSchema).describe('Every task, in suite order.'),
    pairs: z.array(microPairSchema).describe('Every pair, in suite order.'),
  })
  .describe('tinybench micro-benchmarks of in-process costs the API pays per request (perflab micro).')
  .meta({ id: 'microSection' });

export type MicroSection = z.infer<typeof microSectionSchema>;
export type MicroTaskResult = z.infer<typeof microTaskSchema>;
export type MicroPairResult = z.infer<typeof microPairSchema>;
