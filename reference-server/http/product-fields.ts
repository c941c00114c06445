import { z } from 'zod';

/** Longest product name or SKU, in characters (UTF-16 code units, as zod counts them). */
export const MAX_PRODUCT_TEXT = 200;

/** A product's name or SKU as a client may send it. */
export const productText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_PRODUCT_TEXT, `must be at most ${MAX_PRODUCT_TEXT} characters`)
  // Postgres text cannot hold NUL; refusing it here keeps bad input a 4xx instead of a failed statement
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/** The largest price in cents or stock count: the int4 maximum. */
export const MAX_PRODUCT_AMOUNT = 2_147_483_647;

/** A price in cents or a stock count: a non-negative int4. */
export const productAmount = z.number().int('must be an integer').nonnegative('must not be negative').max(MAX_PRODUCT_AMOUNT, 'is too large');

/**
 * A JSON object body with exactly these fields: a field not in `shape` is named
 * (`unknown field 'x'`), anything that is not an object is `body must be a JSON object`.
 */
export function strictJsonObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}` : 'body must be a JSON object',
  });
}
