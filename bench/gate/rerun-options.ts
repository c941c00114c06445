import type { Results } from '../results/types.ts';
import type { RunOptions } from '../run/run-options.ts';

const SCALES = ['tiny', 'default', 'large'] as const;

/**
 * The options of a fresh `perflab run` that measures what `baseline` measured: same drivers,
 * comparisons, windows, repeats, load and data set. Always a local API (the baseline's
 * target URL was a server that no longer runs).
 */
export function rerunOptions(baseline: Results, catalogIds: readonly string[], outDir = 'reports'): RunOptions {
  const { options } = baseline.run;
  const scale = SCALES.find((s) => s === baseline.dataset.scale) ?? 'default';
  const measured = [...new Set(baseline.comparisons.map((c) => c.comparison))].filter((id) => catalogIds.includes(id));
  return {
    drivers: [...options.drivers],
    only: measured.length === 0 || measured.length === catalogIds.length ? null : catalogIds.filter((id) => measured.includes(id)),
    suite: 'all',
    durationSec: options.durationSec,
    warmupSec: options.warmupSec,
    repeat: options.repeat,
    connections: options.connections,
    rate: options.rate,
    quick: options.quick,
    // the baseline's ceiling shares need a calibration to compare with; latency added as the baseline had it
    calibrate: true,
    dbLatencyMs: options.dbLatencyMs,
    cacheLatencyMs: options.cacheLatencyMs,
    floor: false,
    instances: options.instances,
    target: null,
    allowRemote: false,
    json: false,
    scale,
    seed: baseline.dataset.seed,
    outDir,
    fixturesPath: null,
  };
}
