/**
 * Errors that mean "the database cannot be reached right now", not "this query is wrong":
 * socket errors, postgres.js's own connection codes, and the server's shutdown/startup codes
 * (class 08 connection exception, 57P01–57P03). They become 503 with Retry-After, and they
 * open the pool's breaker.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now ("the database system is starting up")
  'DB_UNAVAILABLE', // DatabaseUnavailableError, the breaker's own fast fail
]);

/** The code of a postgres.js or socket error, looking through wrappers (Drizzle's DrizzleQueryError keeps it in `cause`). */
export function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** True when `error` says the database is unreachable (see the list above). */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (CONNECTION_CODES.has(code) || code.startsWith('08'));
}

/** Thrown without touching the network while the pool's breaker says the database is down. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  readonly code = 'DB_UNAVAILABLE';
  constructor() {
    super('database unavailable');
  }
}
