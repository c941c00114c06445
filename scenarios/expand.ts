import { createRandom } from './random.ts';
import { buildRequestSpec } from './request-spec.ts';
import type { CatalogEntry, Fixtures, RequestSpec, Variant } from './types.ts';

/** What pre-expanded lists put in `ctx.unique`; the autocannon driver replaces it per sent request. */
export const UNIQUE_PLACEHOLDER = '__PERFLAB_UNIQUE__';

export interface ExpandOptions {
  /** How many requests to draw; the driver cycles through them. */
  count: number;
  seed: number;
}

/** A warm-up's seed: its own stream, so a warm-up never replays the measured window's key sequence. */
export function warmupSeed(seed: number): number {
  return (seed ^ 0x5eed5eed) >>> 0;
}

/**
 * The fixtures a warm-up draws from: every tenant's cold product ids removed (builders then draw
 * hot ids only), so ids meant to miss in the measured window were never requested before it.
 */
export function warmupFixtures(fixtures: Fixtures): Fixtures {
  return { ...fixtures, tenants: fixtures.tenants.map((tenant) => ({ ...tenant, coldProductIds: [] })) };
}

/**
 * Draws `count` requests of one variant from the catalog builders with a seeded random source:
 * the same seed gives the same list for naive and optimized, so both sides see the same keys.
 * Requests that need unique keys carry `uniqueToken` (see RequestSpec).
 */
export function expandRequests(entry: CatalogEntry, variant: Variant, fixtures: Fixtures, options: ExpandOptions): RequestSpec[] {
  const rnd = createRandom(options.seed);
  const list: RequestSpec[] = [];
  for (let i = 0; i < options.count; i++) {
    const spec = buildRequestSpec(entry, variant, fixtures, rnd, { unique: UNIQUE_PLACEHOLDER });
    const text = [spec.path, spec.body ?? '', ...Object.values(spec.headers)].join('\n');
    if (text.includes(UNIQUE_PLACEHOLDER)) spec.uniqueToken = UNIQUE_PLACEHOLDER;
    list.push(spec);
  }
  return list;
}

/** The request as sent: its `uniqueToken` replaced by `unique` in the path, the header values and the body. */
export function fillUnique(spec: RequestSpec, unique: string): RequestSpec {
  const token = spec.uniqueToken;
  if (!token) return spec;
  const fill = (text: string) => text.replaceAll(token, unique);
  const headers = Object.fromEntries(Object.entries(spec.headers).map(([name, value]) => [name, fill(value)]));
  return { method: spec.method, path: fill(spec.path), headers, ...(spec.body !== undefined ? { body: fill(spec.body) } : {}) };
}
