import { z } from 'zod';

/** A product's name or SKU as a client may send it. */
export const productText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // Postgres text cannot hold NUL; refusing it here keeps bad input a 4xx instead of a failed statement
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

/** A price in cents or a stock count: a non-negative int4. */
export const productAmount = z.number().int('must be an integer').nonnegative('must not be negative').max(2_147_483_647, 'is too large');

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
