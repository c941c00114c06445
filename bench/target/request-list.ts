import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '../../lib/usage-error.ts';
import type { RequestSpec } from '../../scenarios/types.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One request of a user's request list; `weight` is its share of the draws (default 1). */
export const requestEntrySchema = z.strictObject({
  method: z.enum(METHODS).default('GET').describe('HTTP method (default GET).'),
  path: z.string().startsWith('/', 'a path starting with /').describe('Path and query, appended to --target, e.g. /orders?limit=10.'),
  headers: z.record(z.string(), z.string()).default({}).describe('Request headers, e.g. {"authorization": "Bearer …"}.'),
  body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional().describe('A string sent as is, or JSON (sent with content-type application/json unless headers say otherwise).'),
  weight: z.number().positive().max(1_000_000).default(1).describe('Relative share of the draws (default 1).'),
});

/**
 * `--scenario list.json`: the requests autocannon replays against `--target`, drawn by weight.
 * @example {"requests": [{"path": "/orders?limit=10", "headers": {"authorization": "Bearer t"}, "weight": 3}, {"method": "POST", "path": "/orders", "body": {"sku": "a"}}]}
 */
export const requestListSchema = z.strictObject({
  requests: z.array(requestEntrySchema).min(1, 'at least one request').max(10_000),
});
export type RequestList = z.infer<typeof requestListSchema>;
export type RequestEntry = z.infer<typeof requestEntrySchema>;

/** Reads and validates a request list; every problem is one line naming the file and the field. */
export async function readRequestList(path: string): Promise<RequestList> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseRequestList(json, path);
}

/** Pure: a parsed JSON value → a request list, or a UsageError naming the first bad field. */
export function parseRequestList(json: unknown, path: string): RequestList {
  const result = requestListSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'the file';
  throw new UsageError(`${path}: ${where}: ${issue?.message ?? 'invalid'} (expected {"requests": [{"method", "path", "headers", "body", "weight"}]}; see README "Point it at your own API")`);
}

/** One entry as a driver sends it: JSON bodies stringified, with their content type unless one is set. */
export function toRequestSpec(entry: RequestEntry): RequestSpec {
  const headers = { ...entry.headers };
  if (entry.body === undefined) return { method: entry.method, path: entry.path, headers };
  if (typeof entry.body === 'string') return { method: entry.method, path: entry.path, headers, body: entry.body };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return { method: entry.method, path: entry.path, headers, body: JSON.stringify(entry.body) };
}
