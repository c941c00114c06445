/**
 * Plain types shared by the catalog, the request builders, the k6 scripts and the Node drivers.
 * No runtime imports: k6 loads this file too (k6 ≥ 1.0 strips the types itself).
 */
import type { Role } from '../reference-server/auth/token.ts';
import type { ComparisonContract, HttpMethod } from '../reference-server/comparisons/contracts.ts';
import type { Fixtures, TenantFixtures } from '../seed/fixtures-schema.ts';

import type { Variant } from '../lib/variant.ts';

export type { ComparisonContract, Fixtures, HttpMethod, Role, TenantFixtures, Variant };

/** One HTTP request, fully built: what both drivers send. `path` includes the `/naive|/optimized` prefix. */
export interface RequestSpec {
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * When set, this substring of `path`, `body` and header values must be replaced by a value
   * unique to each sent request (keys that must never repeat: bulk-import SKUs, rate-limit
   * buckets); see `fillUnique`. The autocannon driver replaces it per request; k6 builds each
   * request fresh and never sets it.
   */
  uniqueToken?: string;
}

/** A seeded random source, so a request sequence is reproducible from (seed, vu). */
export interface Rnd {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** Index in [0, n) drawn from a Zipf law of exponent s: index 0 the most likely. */
  zipf(n: number, s: number): number;
}

/** Per-request context: `unique` never repeats within a run or across runs (used for write keys). */
export interface RequestContext {
  unique: string;
}

/** What varies between a comparison's requests; the contract supplies method, route and default role. */
export interface RequestParts {
  /** Values for the route's `:name` segments. */
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  /** Whose token to send (of the fixtures' main tenant); the contract's role by default. */
  role?: Role;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Draws one request of `variant`; only a comparison whose variants take different inputs reads `variant`. */
export type RequestBuilder = (variant: Variant, fx: Fixtures, rnd: Rnd, ctx: RequestContext) => RequestParts;

/** Checks on a 2xx response's parsed JSON body, named for the k6 `checks` output. Plain functions. */
export type BodyChecks = Record<string, (body: any) => boolean>;

/** Default load of a comparison: closed (fixed connections) and open (arrival rate) shapes. */
export interface LoadProfile {
  closed: { connections: number };
  open: { rate: number; maxConnections: number };
}

/** k6 threshold syntax: metric (optionally with tags) → conditions, e.g. `{ http_req_duration: ['p(95)<200'] }`. */
export type Thresholds = Record<string, string[]>;

/**
 * Which `perflab run --suite` runs a comparison: `core` (the default run, sized to stay within
 * `npm run bench`'s 12 minutes) or `extended` (the issue 13 comparisons, run on request).
 */
export const SUITES = ['core', 'extended'] as const;
export type Suite = (typeof SUITES)[number];
/** What `--suite` accepts: one suite, or every comparison. */
export type SuiteChoice = Suite | 'all';

/** What the catalog adds to a contract: how to load it, what to expect back. */
export interface CatalogSpec {
  /** `core` when absent. */
  suite?: Suite;
  buildRequest: RequestBuilder;
  /** The response contract k6 checks on every 2xx (the `checks` > 99% threshold). */
  checks: BodyChecks;
  load: LoadProfile;
  /** SLOs in k6 syntax; the k6 script scopes them to `{scenario:measure}`. */
  thresholds: Thresholds;
}

/** One comparison as the drivers see it: its contract (reference-server) plus its catalog spec. */
export type CatalogEntry = ComparisonContract & CatalogSpec & { suite: Suite };
