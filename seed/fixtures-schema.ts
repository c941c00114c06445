import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * What the seeder writes to `.perflab/fixtures.json` and what scenarios and tests read to
 * build requests. Everything in it is derived from the seeded rows, so it is as
 * deterministic as they are (tokens aside: they carry the signing time).
 */
export const FIXTURES_VERSION = 1;

const ids = z.array(z.number().int().positive());

export const tenantFixtures = z.object({
  id: z.number().int().positive(),
  slug: z.string(),
  products: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  /** The most ordered products first: what a Zipf key distribution draws from. */
  hotProductIds: ids,
  /** Products no order references: cache misses on purpose. */
  coldProductIds: ids,
  customerIds: ids,
  orderIds: ids,
  users: z.object({ viewer: z.number().int(), editor: z.number().int(), admin: z.number().int() }),
  /** HS256 bearer tokens, one per role, for the users above. */
  tokens: z.object({ viewer: z.string(), editor: z.string(), admin: z.string() }),
  /** Keyset cursors for deep pages of `GET /products` (created_at DESC, id DESC) at the given page size. */
  deepPages: z.array(z.object({ page: z.number().int().positive(), limit: z.number().int().positive(), cursor: z.string() })),
  searchTerms: z.object({ hit: z.array(z.string()), miss: z.array(z.string()) }),
  /** The span of the tenant's order dates, for sales-report ranges. */
  orderDates: z.object({ from: z.string(), to: z.string() }),
});

export const fixturesSchema = z.object({
  version: z.literal(FIXTURES_VERSION),
  generatedAt: z.string(),
  fingerprint: z.object({
    scale: z.string(),
    seed: z.number().int(),
    schemaVersion: z.number().int(),
    rows: z.record(z.string(), z.number().int().nonnegative()),
    checksum: z.string(),
    stateChecksum: z.string().optional(),
  }),
  /** Tenants largest first: `tenants[0]` is the big one every scenario defaults to. */
  tenants: z.array(tenantFixtures).min(1),
});

export type Fixtures = z.infer<typeof fixturesSchema>;
export type TenantFixtures = z.infer<typeof tenantFixtures>;

export async function readFixtures(path: string): Promise<Fixtures> {
  return fixturesSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}
