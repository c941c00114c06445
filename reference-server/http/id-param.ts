import { z } from 'zod';

/**
 * A row id in a path (`/products/:id`, `/customers/:id`): one rule on every route. Canonical
 * decimal only — no sign, no leading zero (`00974` is not an id, so it is a 400, never a lookup
 * that might 404 on one route and 400 on another) — and within int4, the column's type.
 */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer without leading zeros')
  .transform(Number)
  .pipe(z.number().max(2_147_483_647, 'is out of range'));
