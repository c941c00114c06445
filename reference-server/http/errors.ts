import type { Context } from 'hono';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { codeOf, isConnectionError } from '../db/connection-errors.ts';
import { sendJson } from './send-json.ts';

/** An error with a status the client should see; `code` is a stable machine-readable string. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 431 | 500 | 503,
    readonly code: string,
    message: string,
    /** Per-item reasons, e.g. `[{ row, issue }]` for a refused import; sent as `error.details`. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** `{ error: { code, message } }`: the one error shape of the API. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Maps any thrown value to the API's JSON error; unknown errors become a logged, generic 500. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // Drizzle wraps a failed statement's error, e.g. the request's own abort reason (timeout, client
  // gone) when the deadline cancelled it: judge it by that, not as an internal error logged per request
  if (error instanceof DrizzleQueryError && error.cause instanceof HttpError) return error.cause;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const path = issue?.path.filter((p) => typeof p !== 'symbol').join('.') ?? '';
    return new HttpError(400, 'invalid_input', `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid input'}`);
  }
  if (error instanceof SyntaxError) return new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  if (error instanceof HTTPException) {
    if (error.status === 413) return new HttpError(413, 'payload_too_large', 'request body too large');
    if (error.status === 503) return new HttpError(503, 'timeout', error.message || 'request timed out');
    const status = error.status >= 400 && error.status < 500 ? 400 : 500;
    return new HttpError(status, 'http_error', error.message || 'request failed');
  }
  if (isStatementTimeout(error)) return new HttpError(503, 'db_timeout', 'database statement timed out');
  // not logged here: the pool's breaker logs once per outage (db/client.ts)
  if (isConnectionError(error)) return new HttpError(503, 'db_unavailable', 'database unavailable, retry shortly');
  console.error(error);
  return new HttpError(500, 'internal', 'internal server error');
}

function isStatementTimeout(error: unknown): boolean {
  return codeOf(error) === '57014';
}

/** Seconds a client should wait before retrying a 503: outages and overload here last about that long. */
export const RETRY_AFTER_SEC = 1;

/** Hono onError handler; every 503 carries `Retry-After`. */
export function handleError(error: unknown, c: Context): Response {
  const http = toHttpError(error);
  const body: ErrorBody = { error: { code: http.code, message: http.message } };
  if (http.details !== undefined) body.error.details = http.details;
  return sendJson(c, body, http.status, http.status === 503 ? { 'Retry-After': String(RETRY_AFTER_SEC) } : {});
}
