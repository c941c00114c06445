import { enumFlag, integerFlag, MAX_SEED } from '../lib/cli-flags.ts';
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
  const parsed: SeedArgs = {
    scale: enumFlag('scale', raw.scale, Object.keys(SCALES) as Scale[], 'default'),
    seed: integerFlag('seed', raw.seed, { min: 0, max: MAX_SEED }, 42),
    force: raw.force ?? false,
  };
  const products = integerFlag('products', raw.products, { min: 1, max: MAX_ROWS });
  const orders = integerFlag('orders', raw.orders, { min: 0, max: MAX_ROWS });
  if (products !== undefined) parsed.products = products;
  if (orders !== undefined) parsed.orders = orders;
  if (raw.fixtures !== undefined) {
    if (raw.fixtures.trim() === '') throw new UsageError(`--fixtures must be a file path, got '${raw.fixtures}'`);
    parsed.fixturesPath = raw.fixtures;
  }
  return parsed;
}
