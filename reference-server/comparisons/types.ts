import type { z } from 'zod';
import type { Principal, Role } from '../auth/token.ts';
import type { Deps } from '../types.ts';

/** App-wide types live at the top of reference-server/; re-exported for the comparisons. */
export type { App, AppEnv, Deps, Extension } from '../types.ts';

/** Deps plus the verified caller; every query is scoped to `principal.tenantId`. */
export interface Ctx extends Deps {
  principal: Principal;
}

/** What a variant returns; the mount serialises `body` as JSON. */
export interface Reply {
  status?: 200 | 201 | 202;
  body: unknown;
  headers?: Record<string, string>;
}

/** The raw request pieces `input` parses; `query` holds the first value of each parameter. */
export interface RawInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  idempotencyKey: string | undefined;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One catalog entry: one contract, two implementations mounted at /naive<path> and /optimized<path>. */
export interface Comparison<I> {
  /** The catalog id, also the file name. */
  id: string;
  method: Method;
  /** Hono path, e.g. `/products/:id`. */
  path: string;
  minRole: Role;
  /** Parses {@link RawInput}; a ZodError becomes a 400 naming the first bad field. */
  input: z.ZodType<I>;
  naive(ctx: Ctx, input: I): Promise<Reply>;
  optimized(ctx: Ctx, input: I): Promise<Reply>;
}

/** Identity helper so `I` is inferred from `input` and both variants are checked against it. */
export function defineComparison<I>(comparison: Comparison<I>): Comparison<I> {
  return comparison;
}
