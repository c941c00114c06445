import type { App, Deps } from '../types.ts';
import { authenticate } from './auth.ts';
import { RETRY_AFTER_SEC } from './errors.ts';
import { mountHarnessRoutes } from './harness-routes.ts';
import { sendJson } from './send-json.ts';
import type { Stats } from './stats.ts';

/** Paths of the shared routes: never queued or shed by admission control. */
export const SHARED_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/noop', '/__stats', '/__stats/reset']);

/** How long /ready waits for `SELECT 1`: a probe must answer even when Postgres hangs. */
const READY_DB_TIMEOUT_MS = 1_000;

/** `/health`, `/ready`, `/noop` and `/__stats` (admin token): the routes that belong to no comparison. */
export function mountSharedRoutes(app: App, deps: Deps, stats: Stats): void {
  app.get('/health', (c) => sendJson(c, { ok: true }));

  // the HTTP ceiling: no DB, no cache, what calibrate measures against
  app.get('/noop', (c) => sendJson(c, { ok: true }));

  // Ready = can serve. The cache is optional (every route falls back to Postgres), so a cache
  // outage is reported as degraded, not unready: a probed fleet would otherwise drop every instance.
  app.get('/ready', async (c) => {
    const [db, cache] = await Promise.all([dbUp(deps), deps.cache.ping().catch(() => false)]);
    const body = { ok: db, db: db ? 'up' : 'down', cache: { backend: deps.cache.backend, status: cache ? 'up' : 'degraded' } };
    if (db) return sendJson(c, body);
    const error = { code: 'not_ready', message: 'database unavailable' };
    return sendJson(c, { ...body, error }, 503, { 'Retry-After': String(RETRY_AFTER_SEC) });
  });

  // operator data, and a reset skews a running benchmark: an admin token, like any other write
  const requireAdmin = (header: string | undefined) => authenticate(header, deps.config.jwtSecret, 'admin');
  app.get('/__stats', async (c) => {
    await requireAdmin(c.req.header('authorization'));
    return sendJson(c, { cacheBackend: deps.cache.backend, ...stats.snapshot() });
  });
  app.post('/__stats/reset', async (c) => {
    await requireAdmin(c.req.header('authorization'));
    stats.reset();
    return sendJson(c, { ok: true });
  });
  mountHarnessRoutes(app, deps);
}

async function dbUp(deps: Deps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const query = deps.sql`SELECT 1`;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READY_DB_TIMEOUT_MS)));
  const up = await Promise.race([query.then(() => true, () => false), timedOut]);
  clearTimeout(timer);
  if (!up) void Promise.resolve(query.cancel()).catch(() => {});
  return up;
}
