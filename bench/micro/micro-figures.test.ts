import { mean, sampleVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { pairFigures, taskFigures, type TaskRepeat } from './micro-figures.ts';

function repeatOf(samplesMs: number[]): TaskRepeat {
  return { samples: samplesMs.length, callsPerSample: 1, meanMs: mean(samplesMs), varianceMs2: sampleVariance(samplesMs), p99Ms: Math.max(...samplesMs), gcCount: 1, gcMs: 2, elapsedMs: 100, heapDeltaBytes: 10 };
}

describe('taskFigures', () => {
  it('pools the repeats exactly: mean and margin of error as if every sample were kept', () => {
    const a = [0.001, 0.0012, 0.0011, 0.0013];
    const b = [0.002, 0.0021, 0.0019];
    const all = [...a, ...b];
    const figures = taskFigures('s', 't', [repeatOf(a), repeatOf(b)], 3);
    expect(figures.meanNs).toBeCloseTo(mean(all) * 1e6, 6);
    const sem = Math.sqrt(sampleVariance(all) / all.length);
    expect(figures.rme).toBeCloseTo((100 * 1.96 * sem) / mean(all), 6);
    expect(figures).toMatchObject({ key: 's/t', samples: 7, enoughSamples: true, gc: { count: 2, totalMs: 4, share: 0.02 } });
    expect(taskFigures('s', 't', [repeatOf(a), repeatOf(b)], 4).enoughSamples).toBe(false);
  });
});

describe('pairFigures', () => {
  it('reads > 1 when the candidate is faster: baseline mean / candidate mean per repeat', () => {
    const slow = taskFigures('s', 'slow', [repeatOf([0.004, 0.0041]), repeatOf([0.0039, 0.004]), repeatOf([0.0041, 0.0042])], 1);
    const fast = taskFigures('s', 'fast', [repeatOf([0.001, 0.001]), repeatOf([0.001, 0.001]), repeatOf([0.001, 0.001])], 1);
    const pair = pairFigures('s', { baseline: 'slow', candidate: 'fast' }, [slow, fast]);
    expect(pair.key).toBe('s/slow-vs-fast');
    expect(pair.speedup.estimate).toBeCloseTo(4.05, 1);
    expect(pair.speedup.samples).toBe(3);
    expect(pair.speedup.ci95![0]).toBeGreaterThan(3.5);
  });
});
