import { durationFlag, enumFlag, idListFlag, integerFlag, MAX_SEED } from '../../lib/cli-flags.ts';
import { UsageError } from '../../lib/usage-error.ts';
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
  durationSec: 4,
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
  only: string[] | null;
  durationSec: number;
  warmupSec: number;
  repeat: number;
  connections: number | null;
  rate: number | null;
  quick: boolean;
  target: string | null;
  allowRemote: boolean;
  json: boolean;
  scale: 'tiny' | 'default' | 'large';
  seed: number;
  outDir: string;
  fixturesPath: string | null;
  /** Generator processes splitting each run (`--instances`, 1 = one process); only drivers with `maxInstances` take more. */
  instances: number;
}

/** Raw flag values as citty hands them over (strings, booleans or absent). */
export type RawRunArgs = Partial<Record<string, string | boolean | undefined>>;

/** Pure: flags → validated options, or a UsageError naming the flag and what it accepts. */
export function parseRunOptions(raw: RawRunArgs, catalogIds: readonly string[]): RunOptions {
  const quick = raw.quick === true;
  const base = { ...DEFAULT_RUN_OPTIONS, ...(quick ? QUICK_OVERRIDES : {}) };
  const driver = enumFlag('driver', raw.driver, DRIVER_CHOICES, base.driver);
  const only = raw.only === undefined ? null : idListFlag('only', String(raw.only), catalogIds);
  const target = raw.target === undefined ? null : String(raw.target);
  const drivers: DriverName[] = driver === 'both' || driver === 'all' ? [...DRIVER_NAMES] : [driver];
  const instances = integerFlag('instances', raw.instances, { min: 1, max: MAX_INSTANCES }, 1);
  const single = drivers.find((name) => instances > (DRIVERS[name].maxInstances ?? 1));
  if (single) throw new UsageError(`--instances ${instances}: the ${single} driver runs one process per scenario; only k6 splits one across instances (--driver k6)`);
  return {
    drivers,
    only,
    durationSec: durationFlag('duration', raw.duration, { min: 1, max: 600 }, base.durationSec),
    warmupSec: durationFlag('warmup', raw.warmup, { min: 0, max: 120 }, base.warmupSec),
    repeat: integerFlag('repeat', raw.repeat, { min: 1, max: 50 }, base.repeat),
    connections: integerFlag('connections', raw.connections, { min: 1, max: 1000 }) ?? base.connections,
    rate: integerFlag('rate', raw.rate, { min: 1, max: 1_000_000 }) ?? null,
    quick,
    target,
    allowRemote: raw['allow-remote'] === true,
    json: raw.json === true,
    scale: enumFlag('scale', raw.scale, ['tiny', 'default', 'large'], base.scale),
    seed: integerFlag('seed', raw.seed, { min: 0, max: MAX_SEED }, base.seed),
    outDir: typeof raw.out === 'string' && raw.out !== '' ? raw.out : base.outDir,
    fixturesPath: typeof raw.fixtures === 'string' ? raw.fixtures : null,
    instances,
  };
}
