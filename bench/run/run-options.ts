import { UsageError } from '../cli/errors.ts';
import { DRIVER_NAMES, type DriverName } from '../drivers/driver-names.ts';

/** What `--driver` accepts: one registered driver, or every one (`all`; `both` from when there were two). */
export const DRIVER_CHOICES = [...DRIVER_NAMES, 'both', 'all'] as const;
export type DriverChoice = (typeof DRIVER_CHOICES)[number];

/** autocannon ships with `npm install` (no Go build), so a first run needs nothing else; see README. */
export const DEFAULT_DRIVER: DriverName = 'autocannon';

export const DEFAULT_RUN_OPTIONS = {
  driver: DEFAULT_DRIVER as DriverChoice,
  durationSec: 5,
  warmupSec: 2,
  repeat: 3,
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
}

/** Raw flag values as citty hands them over (strings, booleans or absent). */
export type RawRunArgs = Partial<Record<string, string | boolean | undefined>>;

/** Pure: flags → validated options, or a UsageError naming the flag and what it accepts. */
export function parseRunOptions(raw: RawRunArgs, catalogIds: readonly string[]): RunOptions {
  const quick = raw.quick === true;
  const base = { ...DEFAULT_RUN_OPTIONS, ...(quick ? QUICK_OVERRIDES : {}) };
  const driver = oneOf('driver', raw.driver, DRIVER_CHOICES, base.driver);
  const only = raw.only === undefined ? null : idList(String(raw.only), catalogIds);
  const target = raw.target === undefined ? null : String(raw.target);
  return {
    drivers: driver === 'both' || driver === 'all' ? [...DRIVER_NAMES] : [driver],
    only,
    durationSec: integer('duration', raw.duration, base.durationSec, 1, 600),
    warmupSec: integer('warmup', raw.warmup, base.warmupSec, 0, 120),
    repeat: integer('repeat', raw.repeat, base.repeat, 1, 50),
    connections: raw.connections === undefined ? base.connections : integer('connections', raw.connections, 0, 1, 1000),
    rate: raw.rate === undefined ? null : integer('rate', raw.rate, 0, 1, 1_000_000),
    quick,
    target,
    allowRemote: raw['allow-remote'] === true,
    json: raw.json === true,
    scale: oneOf('scale', raw.scale, ['tiny', 'default', 'large'] as const, base.scale),
    seed: integer('seed', raw.seed, base.seed, 0, 2 ** 31 - 1),
    outDir: typeof raw.out === 'string' && raw.out !== '' ? raw.out : base.outDir,
    fixturesPath: typeof raw.fixtures === 'string' ? raw.fixtures : null,
  };
}

function integer(flag: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got '${text}'`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`--${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  return value as T;
}

function idList(text: string, catalogIds: readonly string[]): string[] {
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError('--only needs at least one comparison id');
  const unknown = ids.filter((id) => !catalogIds.includes(id));
  if (unknown.length > 0) throw new UsageError(`--only: unknown comparison '${unknown.join("', '")}' (known: ${catalogIds.join(', ')})`);
  return catalogIds.filter((id) => ids.includes(id));
}
