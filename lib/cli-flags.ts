import { z } from 'zod';
import { UsageError } from './usage-error.ts';

// Every command parses its flags with these, so every bad value reads the same way:
// `--<flag> must be …, got '<value>'` (a UsageError: one line, exit 2).

/** The largest `--seed`: the seeded PRNG keeps 32 bits of state, so larger seeds would alias smaller ones. */
export const MAX_SEED = 2 ** 32 - 1;

/** Parses `raw` with `schema`; the first issue's message completes `--<flag> must be …`. */
export function parseFlag<T>(flag: string, schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new UsageError(`--${flag} must be ${result.error.issues[0]?.message ?? 'valid'}, got '${String(raw)}'`);
}

/** A whole number in [min, max], from a string flag (`-5`, `1.5`, `1e3` are refused, not coerced). */
export function integerSchema(min: number, max: number): z.ZodType<number, string> {
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, { error: 'a whole number' })
    .transform(Number)
    .pipe(z.number().min(min, { error: `between ${min} and ${max}` }).max(max, { error: `between ${min} and ${max}` }));
}

/** `--<flag>` as a whole number in [min, max]; `fallback` when absent or empty. */
export function integerFlag(flag: string, raw: unknown, range: { min: number; max: number }, fallback: number): number;
export function integerFlag(flag: string, raw: unknown, range: { min: number; max: number }): number | undefined;
export function integerFlag(flag: string, raw: unknown, { min, max }: { min: number; max: number }, fallback?: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  return parseFlag(flag, integerSchema(min, max), String(raw));
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

/** A duration in whole seconds: `30`, `30s`, `2m` or `1h`, in [min, max] seconds. */
export function durationFlag(flag: string, raw: unknown, { min, max }: { min: number; max: number }, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const schema = z
    .string()
    .trim()
    .regex(/^\d+[smh]?$/, { error: 'a whole number of seconds (or with s, m, h)' })
    .transform((text) => {
      const unit = text.at(-1) as string;
      return unit in UNIT_SECONDS ? Number(text.slice(0, -1)) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS] : Number(text);
    })
    .pipe(z.number().min(min, { error: `between ${min} and ${max} seconds` }).max(max, { error: `between ${min} and ${max} seconds` }));
  return parseFlag(flag, schema, String(raw));
}

/** `--<flag>` as one of `allowed`; `fallback` when absent. */
export function enumFlag<const T extends string>(flag: string, raw: unknown, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  return parseFlag(flag, z.enum(allowed as readonly [T, ...T[]], { error: `one of ${allowed.join(', ')}` }), raw);
}

/** A comma-separated list of ids, each one of `known`; returned in the order of `known`, without repeats. */
export function idListFlag(flag: string, raw: string, known: readonly string[]): string[] {
  const ids = raw.split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError(`--${flag} must be at least one id, got '${raw}'`);
  const knownId = z.enum(known as [string, ...string[]], { error: `one of ${known.join(', ')}` });
  for (const id of ids) parseFlag(flag, knownId, id);
  return known.filter((id) => ids.includes(id));
}
