import { HttpError } from './errors.ts';

/**
 * JSON.parse that refuses lone UTF-16 surrogates (`"\ud800"`): Postgres would store them as
 * U+FFFD, silently changing what the client sent. Keys are checked as well as values.
 */
export function parseJsonBody(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) throw new LoneSurrogate();
      return value;
    });
  } catch (error) {
    if (error instanceof LoneSurrogate) throw new HttpError(400, 'invalid_unicode', 'request body contains a lone UTF-16 surrogate (\\ud800–\\udfff)');
    throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  }
  return parsed;
}

// with the u flag a valid pair is one code point outside this range, so only a lone half matches
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

class LoneSurrogate extends Error {}
