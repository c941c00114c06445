import type { App, Deps } from '../comparisons/types.ts';
import { mountHarnessRoutes } from './harness-routes.ts';
import { sendJson } from './send-json.ts';
import type { Stats } from './stats.ts';

/** `/health`, `/ready`, `/noop` and `/__stats`: the routes that belong to no comparison. */
export function mountSharedRoutes(app: App, deps: Deps, stats: Stats): void {
  app.get('/health', (c) => sendJson(c, { ok: true }));

  // the HTTP ceiling: no DB, no cache, what calibrate measures against
  app.get('/noop', (c) => sendJson(c, { ok: true }));

  app.get('/ready', async (c) => {
    const [db, cache] = await Promise.all([dbUp(deps), deps.cache.ping().catch(() => false)]);
    const body = { ok: db && cache, db: db ? 'up' : 'down', cache: { backend: deps.cache.backend, status: cache ? 'up' : 'down' } };
    if (body.ok) return sendJson(c, body);
    return sendJson(c, { ...body, error: { code: 'not_ready', message: `${db ? 'cache' : 'database'} unavailable` } }, 503);
  });

  app.get('/__stats', (c) => sendJson(c, { cacheBackend: deps.cache.backend, ...stats.snapshot() }));
  app.post('/__stats/reset', (c) => {
    stats.reset();
    return sendJson(c, { ok: true });
  });
  mountHarnessRoutes(app, deps);
}

async function dbUp(deps: Deps): Promise<boolean> {
  try {
    await deps.sql`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
