import { durationFlag, enumFlag, idListFlag, integerFlag, MAX_SEED } from '../../lib/cli-flags.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { assertLoadTarget } from './local-target.ts';
import { latencyFlag } from './latency-flag.ts';
import { suiteIds } from '../../scenarios/catalog.ts';
import { SUITES, type SuiteChoice } from '../../scenarios/types.ts';
import { MAX_INSTANCES } from '../drivers/driver.ts';
import { DRIVER_NAMES, type DriverName } from '../drivers/driver-names.ts';
import { DRIVERS } from '../drivers/registry.ts';

/** What `--driver` accepts: one registered driver, or every one (`all`; `both` from when there were two). */
export const DRIVER_CHOICES = [...DRIVER_NAMES, 'both', 'all'] as const;
export type DriverChoice = (typeof DRIVER_CHOICES)[number];

/** autocannon ships with `npm install` (no Go build), so a first run needs nothing else; see README. */
export const DEFAULT_DRIVER: DriverName = 'autocannon';

export const DEFAULT_RUN_OPTIONS = {
  driver: DEFAULT_DRIVER as DriverChoice,
  durationSec: 3,
  warmupSec: 2,
  repeat: 6,
  /** null: each comparison's own closed-model connections from the catalog. */
  connections: null as number | null,
  rate: null as number | null,
  scale: 'default' as 'tiny' | 'default' | 'large',
  seed: 42,
  outDir: 'reports',
};

/** `--quick`: every comparison still runs, each for a shorter window and fewer repeats. */
export const QUICK_OVERRIDES = { durationSec: 2, warmupSec: 1, repeat: 2 };

export interface RunOptions {
  drivers: DriverName[];
  /** The comparisons to run, in catalog order; null: every one. `--only`, else the `--suite`'s. */
  only: string[] | null;
  suite: SuiteChoice;
  durationSec: number;
  warmupSec: number;
  repeat: number;
  connections: number | null;
  rate: number | null;
  quick: boolean;
  target: string | null;
  allowRemote: boolean;
  json: boolean;
  /** Measure the no-op ceiling of the drivers in use first (`--no-calibrate` skips it: no ceiling shares). */
  calibrate: boolean;
  scale: 'tiny' | 'default' | 'large';
  seed: number;
  outDir: string;
  fixturesPath: string | null;
  /** Added round trip between the API and Postgres, whole ms (0: direct). */
  dbLatencyMs: number;
  /** Added round trip between the API and Redis, whole ms (0: direct). */
  cacheLatencyMs: number;
  /** After the runs, measure each read comparison's floor (its optimized path without HTTP). */
  floor: boolean;
  /** Generator processes splitting each run (`--instances`, 1 = one process); only drivers with `maxInstances` take more. */
  instances: number;
  /**
   * A/A (`--aa`): both sides of every comparison send the optimized request, so any verdict but
   * no-difference is a false positive. Absent (options built elsewhere, e.g. a gate re-run): false.
   */
  aa?: boolean;
  /** Set by `perflab scale`, no flag: the scale's row counts overridden, and the embedded data dir that keeps that set. */
  dataset?: { products: number; orders: number; pgDataDir: string };
}

/** Raw flag values as citty hands them over (strings, booleans or absent). */
export type RawRunArgs = Partial<Record<string, string | boolean | undefined>>;

/**
 * Pure: flags → validated options, or a UsageError naming the flag and what it accepts.
 * Positional arguments are comparison ids (`perflab run orders-with-items`), added to `--only`.
 */
export function parseRunOptions(raw: RawRunArgs, catalogIds: readonly string[], positionals: readonly string[] = []): RunOptions {
  const quick = raw.quick === true;
  const base = { ...DEFAULT_RUN_OPTIONS, ...(quick ? QUICK_OVERRIDES : {}) };
  const driver = enumFlag('driver', raw.driver, DRIVER_CHOICES, base.driver);
  for (const id of positionals) {
    if (!catalogIds.includes(id)) throw new UsageError(`a comparison id must be one of ${catalogIds.join(', ')}, got '${id}'`);
  }
  const listed = raw.only === undefined ? null : idListFlag('only', String(raw.only), catalogIds);
  const suite = suiteFlag(raw, positionals);
  const only = listed === null && positionals.length === 0 ? suiteOnly(suite, catalogIds) : catalogIds.filter((id) => listed?.includes(id) || positionals.includes(id));
  const target = raw.target === undefined ? null : String(raw.target);
  // refused before anything is said or started: a bad target is a bad flag
  if (target !== null) assertLoadTarget(target, raw['allow-remote'] === true);
  const drivers: DriverName[] = driver === 'both' || driver === 'all' ? [...DRIVER_NAMES] : [driver];
  const instances = integerFlag('instances', raw.instances, { min: 1, max: MAX_INSTANCES }, 1);
  const single = drivers.find((name) => instances > (DRIVERS[name].maxInstances ?? 1));
  if (single) throw new UsageError(`--instances ${instances}: the ${single} driver runs one process per scenario; only k6 splits one across instances (--driver k6)`);
  const aa = raw.aa === true;
  // an A/A run exists to count false verdicts: --quick gives none to count
  if (aa && quick) throw new UsageError('--aa checks that no verdict is a false positive, and --quick gives no verdicts: drop one of them');
  return {
    drivers,
    only,
    suite,
    durationSec: durationFlag('duration', raw.duration, { min: 1, max: 600 }, base.durationSec),
    warmupSec: durationFlag('warmup', raw.warmup, { min: 0, max: 120 }, base.warmupSec),
    repeat: integerFlag('repeat', raw.repeat, { min: 1, max: 50 }, base.repeat),
    connections: integerFlag('connections', raw.connections, { min: 1, max: 1000 }) ?? base.connections,
    rate: integerFlag('rate', raw.rate, { min: 1, max: 1_000_000 }) ?? null,
    quick,
    target,
    allowRemote: raw['allow-remote'] === true,
    json: raw.json === true,
    calibrate: raw.calibrate !== false,
    scale: enumFlag('scale', raw.scale, ['tiny', 'default', 'large'], base.scale),
    seed: integerFlag('seed', raw.seed, { min: 0, max: MAX_SEED }, base.seed),
    outDir: typeof raw.out === 'string' && raw.out !== '' ? raw.out : base.outDir,
    fixturesPath: typeof raw.fixtures === 'string' ? raw.fixtures : null,
    dbLatencyMs: latencyFlag('db-latency', raw['db-latency']),
    cacheLatencyMs: latencyFlag('cache-latency', raw['cache-latency']),
    floor: raw.floor === true,
    instances,
    aa,
  };
}

// --suite ---------------------------------------------------------------------------------

/** What `--suite` accepts; `core` by default, so `npm run bench` stays within its 12 minutes. */
export const SUITE_CHOICES = [...SUITES, 'all'] as const;
export const DEFAULT_SUITE: SuiteChoice = 'core';

function suiteFlag(raw: RawRunArgs, positionals: readonly string[]): SuiteChoice {
  if (raw.suite !== undefined && (raw.only !== undefined || positionals.length > 0)) throw new UsageError('give either comparison ids (--only or as arguments) or --suite, not both');
  return enumFlag('suite', raw.suite, SUITE_CHOICES, DEFAULT_SUITE);
}

/** The suite's ids among `catalogIds`; null when that is all of them (nothing to narrow). */
function suiteOnly(suite: SuiteChoice, catalogIds: readonly string[]): string[] | null {
  const members = new Set(suiteIds(suite));
  const ids = catalogIds.filter((id) => members.has(id));
  return ids.length === catalogIds.length ? null : ids;
}
