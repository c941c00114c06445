import { z } from 'zod';
import { enumFlag, idListFlag, integerFlag, MAX_SEED, parseFlag } from '../../lib/cli-flags.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { DRIVER_NAMES, type DriverName } from '../drivers/driver-names.ts';
import type { TargetSource } from './sizing.ts';
import { parseSlo, type LatencySlo } from './slo.ts';

export interface CapacityOptions {
  only: string[];
  /** null: each comparison's own SLO from the catalog. */
  slo: LatencySlo | null;
  target: TargetSource | null;
  headroom: number;
  driver: DriverName;
  quick: boolean;
  scale: 'tiny' | 'default' | 'large';
  seed: number;
  outDir: string;
}

/** The default: a third of the maximum kept free for bursts, failover and noisy neighbours. */
export const DEFAULT_HEADROOM = 0.3;

/** Pure: flags → options, or a UsageError naming the flag. */
export function parseCapacityOptions(raw: Partial<Record<string, string | boolean | undefined>>, catalogIds: readonly string[]): CapacityOptions {
  const users = raw.users === undefined ? undefined : positiveNumber('users', raw.users);
  if (users !== undefined && raw['target-rps'] !== undefined) throw new UsageError('--users and --target-rps both set a target: give one');
  const target: TargetSource | null =
    users !== undefined
      ? { kind: 'users', users, requestsPerUserDay: positiveNumber('requests-per-user-day', raw['requests-per-user-day'] ?? missing('requests-per-user-day')), peakFactor: positiveNumber('peak-factor', raw['peak-factor'] ?? '1') }
      : raw['target-rps'] !== undefined
        ? { kind: 'rps', rps: positiveNumber('target-rps', raw['target-rps']) }
        : null;
  return {
    only: raw.only === undefined ? [...catalogIds] : idListFlag('only', String(raw.only), catalogIds),
    slo: typeof raw.slo === 'string' ? parseSlo(raw.slo) : null,
    target,
    headroom: raw.headroom === undefined ? DEFAULT_HEADROOM : parseHeadroom(String(raw.headroom)),
    driver: enumFlag('driver', raw.driver, DRIVER_NAMES, 'autocannon'),
    quick: raw.quick === true,
    scale: enumFlag('scale', raw.scale, ['tiny', 'default', 'large'], 'default'),
    seed: integerFlag('seed', raw.seed, { min: 0, max: MAX_SEED }, 42),
    outDir: typeof raw.out === 'string' && raw.out !== '' ? raw.out : 'reports',
  };
}

/** `30%` or `0.3`: the share of the maximum kept free, in [0, 0.9]. */
export function parseHeadroom(raw: string): number {
  const schema = z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?%?$/, { error: 'a share like 30% or 0.3' })
    .transform((text) => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text)))
    .pipe(z.number().min(0, { error: 'between 0% and 90%' }).max(0.9, { error: 'between 0% and 90%' }));
  return parseFlag('headroom', schema, raw);
}

function positiveNumber(flag: string, raw: unknown): number {
  const schema = z.string().trim().regex(/^\d+(\.\d+)?$/, { error: 'a positive number' }).transform(Number).pipe(z.number().positive({ error: 'a positive number' }));
  return parseFlag(flag, schema, String(raw));
}

function missing(flag: string): never {
  throw new UsageError(`--users needs --${flag} (how many requests one user makes per day)`);
}
