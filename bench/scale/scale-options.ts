import { join } from 'node:path';
import { perflabDir } from '../../lib/paths.ts';
import { parseRunOptions, type RawRunArgs, type RunOptions } from '../run/run-options.ts';
import { parseSizes } from './parse-sizes.ts';

/** Without --only: the comparisons whose naive side reads more rows as the data grows. */
export const DEFAULT_SCALE_IDS = ['products-deep-page', 'product-search', 'sales-report', 'missing-index'];

/** The run flags `perflab scale` passes on to `perflab run`'s parser, unchanged. */
const RUN_FLAGS = ['driver', 'only', 'duration', 'warmup', 'repeat', 'connections', 'rate', 'quick', 'seed', 'out'] as const;

export interface ScaleOptions {
  /** Products (= orders) per data set, ascending. */
  sizes: number[];
  /** The options every size's run starts from (its data set is set per size by `runOptionsFor`). */
  run: RunOptions;
}

/**
 * Pure: flags → options, or a UsageError naming the flag. `--sizes` is scale's own; the run flags
 * go through `perflab run`'s parser, so they accept and refuse exactly what `run` does. Every
 * size runs without calibration (the no-op ceiling does not change with the data).
 */
export function parseScaleOptions(raw: RawRunArgs, catalogIds: readonly string[]): ScaleOptions {
  const sizes = parseSizes(raw.sizes === undefined ? undefined : String(raw.sizes));
  const runRaw: RawRunArgs = Object.fromEntries(RUN_FLAGS.filter((flag) => raw[flag] !== undefined).map((flag) => [flag, raw[flag]]));
  const run = parseRunOptions({ ...runRaw, only: runRaw.only ?? DEFAULT_SCALE_IDS.filter((id) => catalogIds.includes(id)).join(','), calibrate: false, scale: 'default' }, catalogIds);
  return { sizes, run };
}

/**
 * One size's run options: the default preset's tenants with `rows` products and orders, in a data
 * dir of its own under the state folder, so every size is seeded once and reused by later runs
 * (the seeder skips a set whose fingerprint matches). Its run folder goes under the scale run's.
 */
export function runOptionsFor(options: ScaleOptions, rows: number, scaleDir: string): RunOptions {
  const home = join(perflabDir, 'scale', String(rows));
  return {
    ...options.run,
    outDir: join(scaleDir, 'runs'),
    fixturesPath: join(home, 'fixtures.json'),
    dataset: { products: rows, orders: rows, pgDataDir: join(home, 'pgdata') },
  };
}
