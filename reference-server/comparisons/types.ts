import type { z } from 'zod';
import type { Principal } from '../auth/token.ts';
import type { StreamBody } from '../http/send-stream.ts';
import type { Deps } from '../types.ts';
import { contractOf, type ComparisonContract, type ComparisonId } from './contracts.ts';

/** App-wide types live at the top of reference-server/; re-exported for the comparisons. */
export type { App, AppEnv, Deps, Extension } from '../types.ts';
export type { StreamBody } from '../http/send-stream.ts';

/** Deps plus the verified caller; every query is scoped to `principal.tenantId`. */
export interface Ctx extends Deps {
  principal: Principal;
  /** Aborted when the request times out: long work stops and says what it did. */
  signal?: AbortSignal;
}

/** What a variant returns; the mount serialises `body` as JSON, or sends `stream` as it comes when set. */
export interface Reply {
  status?: 200 | 201 | 202;
  body?: unknown;
  /** A body produced while it is sent (both variants of a streaming comparison return one; body is then ignored). */
  stream?: StreamBody;
  headers?: Record<string, string>;
}

/** The raw request pieces `input` parses; `query` holds the first value of each parameter. */
export interface RawInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  idempotencyKey: string | undefined;
}

/** The route a comparison is mounted under: its contract's, or any route a test mounts. */
export type RouteContract = Pick<ComparisonContract, 'id' | 'method' | 'route' | 'role'>;

/** The two implementations of one contract, same input, same reply. */
export interface ComparisonParts<I> {
  /** Parses {@link RawInput}; a ZodError becomes a 400 naming the first bad field. */
  input: z.ZodType<I>;
  naive(ctx: Ctx, input: I): Promise<Reply>;
  optimized(ctx: Ctx, input: I): Promise<Reply>;
}

/** One contract, two implementations mounted at /naive<route> and /optimized<route>. */
export interface Comparison<I> extends ComparisonParts<I> {
  contract: RouteContract;
}

/**
 * Binds the two variants to their contract (by id, from contracts.ts: method, route and role
 * are declared there only); `I` is inferred from `input` and both variants are checked against it.
 */
export function defineComparison<I>(contract: ComparisonId | RouteContract, parts: ComparisonParts<I>): Comparison<I> {
  return { contract: typeof contract === 'string' ? contractOf(contract) : contract, ...parts };
}

