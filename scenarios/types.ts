/**
 * Plain types shared by the catalog, the request builders, the k6 scripts and the Node drivers.
 * No runtime imports: k6 loads this file too (k6 ≥ 1.0 strips the types itself).
 */
import type { Fixtures, TenantFixtures } from '../seed/fixtures-schema.ts';

export type { Fixtures, TenantFixtures };
export type { Variant } from '../lib/variant.ts';
export type Role = 'viewer' | 'editor' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One HTTP request, fully built: what both drivers send. `path` includes the `/naive|/optimized` prefix. */
export interface RequestSpec {
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * When set, this substring of `body` and of header values must be replaced by a value unique to
   * each sent request (writes that must never collide, e.g. bulk-import SKUs). The autocannon
   * driver replaces it per request; k6 builds each request fresh and never sets it.
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

export type RequestBuilder = (fx: Fixtures, rnd: Rnd, ctx: RequestContext) => RequestSpec;

/** Default load of a comparison: closed (fixed connections) and open (arrival rate) shapes. */
export interface LoadProfile {
  closed: { connections: number };
  open: { rate: number; maxConnections: number };
}

/** k6 threshold syntax: metric (optionally with tags) → conditions, e.g. `{ http_req_duration: ['p(95)<200'] }`. */
export type Thresholds = Record<string, string[]>;

export interface CatalogEntry {
  id: string;
  title: string;
  /** The anti-pattern and where it was seen. */
  pattern: string;
  method: HttpMethod;
  /** The route under `/naive` and `/optimized`, as the server declares it (e.g. `/products/:id`). */
  route: string;
  role: Role;
  requests: { naive: RequestBuilder; optimized: RequestBuilder };
  /** How keys are drawn, in words (reports print it). */
  keys: string;
  load: LoadProfile;
  thresholds: Thresholds;
  /** The cached path must be primed before measuring (the warm-up does it). */
  cacheWarm: boolean;
  /** For writes: what a run writes and why reruns never conflict. */
  writes: string | null;
}
