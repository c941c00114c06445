import { UsageError } from '../../lib/usage-error.ts';

/** The smallest size the seeder gives every tenant rows at (it spreads rows over 8 tenants). */
export const MIN_SIZE = 1_000;
/** The seeder's own ceiling (`perflab seed --products`): 10× the large preset. */
export const MAX_SIZE = 10_000_000;
/** Without --sizes: the two points `--quick` fits in 5 minutes; 1M is opt-in (its seed alone takes minutes). */
export const DEFAULT_SIZES = [10_000, 100_000];

const MULTIPLIERS = { '': 1, k: 1_000, m: 1_000_000 } as const;
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)([km]?)$/i;

/**
 * `--sizes 10k,100k,1M` → [10000, 100000, 1000000]: products and orders per data set, each a
 * whole number in [1k, 10M] once its suffix (k = 1 000, M = 1 000 000) is applied; at least two
 * distinct sizes (a fit needs two points), returned in ascending order.
 */
export function parseSizes(raw: string | undefined): number[] {
  if (raw === undefined) return [...DEFAULT_SIZES];
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) throw new UsageError(`--sizes must be comma-separated sizes such as 10k,100k,1M, got '${raw}'`);
  const sizes = parts.map(parseSize);
  const distinct = [...new Set(sizes)].sort((a, b) => a - b);
  if (distinct.length !== sizes.length) throw new UsageError(`--sizes must not repeat a size, got '${raw}'`);
  if (distinct.length < 2) throw new UsageError(`--sizes needs at least two sizes to fit a growth, got '${raw}'`);
  return distinct;
}

/** One size: `10k`, `2.5k`, `1M` or `5000`. */
export function parseSize(text: string): number {
  const match = SIZE_PATTERN.exec(text.trim());
  if (!match) throw new UsageError(`--sizes must be sizes such as 10k, 100k or 1M (k = 1 000, M = 1 000 000), got '${text}'`);
  const value = Number(match[1]) * MULTIPLIERS[match[2]!.toLowerCase() as keyof typeof MULTIPLIERS];
  // 1.5k is 1500; 1.0005k is not a whole number of rows
  const rows = Math.round(value);
  if (Math.abs(rows - value) > 1e-6) throw new UsageError(`--sizes must be whole numbers of rows, got '${text}' (${value})`);
  if (rows < MIN_SIZE || rows > MAX_SIZE) throw new UsageError(`--sizes must be between 1k and 10M rows each, got '${text}'`);
  return rows;
}

/** 10000 → `10k`, 1000000 → `1M`, 2500 → `2.5k`: how sizes are named in reports and folders. */
export function formatSize(rows: number): string {
  if (rows >= 1_000_000 && rows % 10_000 === 0) return `${rows / 1_000_000}M`;
  if (rows >= 1_000 && rows % 10 === 0) return `${rows / 1_000}k`;
  return String(rows);
}
