import { authenticate } from '../http/auth.ts';
import { sendJson } from '../http/send-json.ts';
import type { Extension } from '../types.ts';
import { flushUsage } from './flush-usage.ts';
import { startUsageFlusher } from './usage-flusher.ts';

/**
 * What write-behind's optimized side needs beyond its variants: the flusher (every second, and
 * once more on shutdown) and `POST /__usage/flush` (admin: flush now and say what was written).
 * A harness reset calls the flusher's `discard` before the counters' rows are restored.
 */
export const usageExtension: Extension = {
  id: 'write-behind-usage',

  mount(app, deps) {
    app.post('/__usage/flush', async (c) => {
      await authenticate(c.req.header('authorization'), deps.config.jwtSecret, 'admin');
      return sendJson(c, await (deps.usageFlusher?.flush() ?? flushUsage(deps.sql, deps.cache)));
    });
  },

  async start(deps) {
    // the in-process cache has no scripts: its optimized side answers 503, nothing to flush
    if (deps.cache.backend !== 'redis') return;
    deps.usageFlusher = startUsageFlusher(deps.sql, deps.cache, {
      onFlush: (outcome) => deps.stats?.recordDeferred('write-behind', 'optimized', outcome.statements),
    });
  },

  async stop(deps) {
    await deps.usageFlusher?.stop().catch((error: unknown) => console.error(`write-behind: last flush failed, counts left in Redis: ${(error as Error).message}`));
    deps.usageFlusher = undefined;
  },
};
