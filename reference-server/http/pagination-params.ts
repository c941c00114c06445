import { z } from 'zod';
import { decodeCursor, type CursorKey } from '../lib/cursor.ts';

/** `?limit=` as an integer in [1, max], default `fallback`. */
export function limitParam(max: number, fallback: number) {
  return z.coerce
    .number({ error: 'limit must be an integer' })
    .int('limit must be an integer')
    .min(1, 'limit must be at least 1')
    .max(max, `limit must be at most ${max}`)
    .default(fallback);
}

/** `?cursor=` decoded to its keyset key; anything decodeCursor did not make is a 400. */
export const cursorParam = z
  .string()
  .transform((value, ctx): CursorKey => {
    const key = decodeCursor(value);
    // normalised so Postgres never sees a date format only JavaScript accepts, or an id beyond int4
    if (key && key.id <= 2_147_483_647) return { createdAt: new Date(key.createdAt).toISOString(), id: key.id };
    ctx.addIssue({ code: 'custom', message: 'malformed cursor' });
    return z.NEVER;
  })
  .optional();
