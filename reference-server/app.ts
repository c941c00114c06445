import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createCache } from './cache/index.ts';
import { comparisons, extensions } from './comparisons/index.ts';
import { mountComparison } from './comparisons/mount.ts';
import type { Comparison } from './comparisons/types.ts';
import type { App, AppEnv, Deps } from './types.ts';
import type { Config } from './config.ts';
import { createDatabase } from './db/client.ts';
import { openReplica } from './db/replica.ts';
import { admissionControl, createAdmission } from './http/admission.ts';
import { HttpError, handleError } from './http/errors.ts';
import { requestDeadline } from './http/request-deadline.ts';
import { UNBOUNDED_PATHS } from './http/harness-routes.ts';
import { notFoundOrMethodNotAllowed } from './http/method-not-allowed.ts';
import { SHARED_PATHS, mountSharedRoutes } from './http/shared-routes.ts';
import { Stats } from './http/stats.ts';
import { requestTiming } from './http/timing.ts';

/** Deps plus how to release them. */
export interface Runtime {
  deps: Deps;
  close(): Promise<void>;
}

/** Opens the pool, the replica's pool when configured, and the cache (Redis if configured, else in-process). */
export async function createRuntime(config: Config): Promise<Runtime> {
  const database = createDatabase(config);
  const replica = openReplica(config);
  const cache = await createCache(config.redisUrl).catch(async (error: unknown) => {
    await Promise.allSettled([database.close(), replica?.close()]);
    throw error;
  });
  const deps: Deps = { db: database.db, sql: database.sql, cache, connect: database.connect, config, ...(replica ? { replica: replica.sql } : {}) };
  return {
    deps,
    close: async () => {
      await Promise.allSettled([database.close(), replica?.close(), cache.close()]);
    },
  };
}

/** Starts every extension (workers); returns how to stop them, in reverse order. */
export async function startExtensions(deps: Deps): Promise<() => Promise<void>> {
  const started: typeof extensions = [];
  for (const extension of extensions) {
    await extension.start?.(deps);
    started.push(extension);
  }
  return async () => {
    for (const extension of started.reverse()) await extension.stop?.(deps);
  };
}

/** The API: middleware, shared routes, and every comparison (the catalog unless given) under /naive and /optimized. */
export function createApp(deps: Deps, stats = new Stats(), catalog: readonly Comparison<any>[] = comparisons): App {
  const app = new Hono<AppEnv>();
  deps.stats ??= stats;
  app.use(requestTiming(stats));
  const deadline = requestDeadline(deps.config.requestTimeoutMs);
  // the harness's reset is maintenance, not a measured request: at 1M rows it runs for seconds
  app.use((c, next) => (UNBOUNDED_PATHS.has(c.req.path) ? next() : deadline(c, next)));
  const limitBody = bodyLimit({
    maxSize: deps.config.bodyLimitBytes,
    onError: () => {
      throw new HttpError(413, 'payload_too_large', `request body exceeds ${deps.config.bodyLimitBytes} bytes`);
    },
  });
  // bodyLimit reads c.req.raw.body, which builds a full web Request: skip it where no body is allowed
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  // probes and stats stay answerable under overload: admission applies to the API's work only
  const admit = admissionControl(createAdmission(deps.config.maxInFlight, deps.config.maxQueued, { timeoutMs: deps.config.requestTimeoutMs }));
  app.use((c, next) => (SHARED_PATHS.has(c.req.path) ? next() : admit(c, next)));
  mountSharedRoutes(app, deps, stats);
  for (const comparison of catalog) mountComparison(app, comparison, deps);
  for (const extension of extensions) extension.mount?.(app, deps);
  app.notFound(notFoundOrMethodNotAllowed(() => app.routes));
  app.onError(handleError);
  return app;
}
