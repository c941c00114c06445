import { z } from 'zod';
import { decodeCursor, type CursorKey } from '../lib/cursor.ts';

/**
 * A whole-number query parameter in [min, max]: ASCII digits only (`0x10`, `1e1`, `+5`, ` 5`
 * are refused, as Number() would take them). Absent or empty (`?limit=`) means the default, the
 * way an HTML form sends a blank field; without a default both are simply undefined.
 */
export function wholeNumberParam(name: string, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      // a plain negative number still gets the precise "at least" answer
      const value = /^-?\d{1,10}$/.test(raw) ? Number(raw) : NaN;
      if (Number.isNaN(value)) ctx.addIssue({ code: 'custom', message: `${name} must be an integer (digits only)` });
      else if (value < min) ctx.addIssue({ code: 'custom', message: `${name} must be at least ${min}` });
      else if (value > max) ctx.addIssue({ code: 'custom', message: `${name} must be at most ${max}` });
      else return value;
      return z.NEVER;
    });
}

/** `?limit=` as an integer in [1, max]; absent or empty → `fallback`. */
export function limitParam(max: number, fallback: number) {
  return wholeNumberParam('limit', 1, max).transform((value) => value ?? fallback);
}

/** `?cursor=` decoded to its keyset key; anything decodeCursor did not make is a 400. */
export const cursorParam = z
  .string()
  .transform((value, ctx): CursorKey => {
    const key = decodeCursor(value);
    // an id beyond int4 would fail in Postgres, not here
    if (key && key.id <= 2_147_483_647) return key;
    ctx.addIssue({ code: 'custom', message: 'malformed cursor' });
    return z.NEVER;
  })
  .optional();
