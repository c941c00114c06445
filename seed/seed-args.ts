import { UsageError } from '../lib/usage-error.ts';
import { SCALES, type Scale } from './plan.ts';

/** The seed command's flags as citty hands them over (strings, so `-5` or `1e3` reach our checks). */
export interface RawSeedArgs {
  scale?: string | undefined;
  seed?: string | undefined;
  products?: string | undefined;
  orders?: string | undefined;
  force?: boolean | undefined;
  fixtures?: string | undefined;
}

export interface SeedArgs {
  scale: Scale;
  seed: number;
  products?: number;
  orders?: number;
  force: boolean;
  fixturesPath?: string;
}

/** Beyond this the seeder still works, but nobody means it: 10M products is 10× `large`. */
const MAX_ROWS = 10_000_000;

/** Validates the flags of `perflab seed`; every mistake is one UsageError naming the flag and the value. */
export function parseSeedArgs(raw: RawSeedArgs): SeedArgs {
  const scale = raw.scale ?? 'default';
  if (!Object.hasOwn(SCALES, scale)) {
    throw new UsageError(`--scale must be one of ${Object.keys(SCALES).join(', ')} (got '${scale}')`);
  }
  const parsed: SeedArgs = {
    scale: scale as Scale,
    seed: integer('--seed', raw.seed, 0, 2 ** 32 - 1) ?? 42,
    force: raw.force ?? false,
  };
  const products = integer('--products', raw.products, 1, MAX_ROWS);
  const orders = integer('--orders', raw.orders, 0, MAX_ROWS);
  if (products !== undefined) parsed.products = products;
  if (orders !== undefined) parsed.orders = orders;
  if (raw.fixtures !== undefined) {
    if (raw.fixtures.trim() === '') throw new UsageError('--fixtures needs a file path');
    parsed.fixturesPath = raw.fixtures;
  }
  return parsed;
}

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number (got '${value}')`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max} (got ${value})`);
  return n;
}
