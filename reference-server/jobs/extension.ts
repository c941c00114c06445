import type { Extension } from '../types.ts';
import { authenticate } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import { sendJson } from '../http/send-json.ts';
import { getJob, isJobId } from './import-jobs.ts';
import { startImportWorker } from './import-worker.ts';
import { startJobQueue } from './queue.ts';

/**
 * What bulk-import needs beyond its two variants: `GET /jobs/:id` (tenant-scoped progress) and
 * the pg-boss queue with its worker, started before the server listens and stopped on shutdown.
 * A queue that cannot start (e.g. the database role may not create pg-boss's schema) is one
 * logged line, not a dead server: every other route still works, and the optimized import
 * answers 503 until a queue runs.
 */
export const jobsExtension: Extension = {
  id: 'bulk-import-jobs',

  mount(app, deps) {
    app.get('/jobs/:id', async (c) => {
      const principal = await authenticate(c.req.header('authorization'), deps.config.jwtSecret, 'viewer');
      const id = c.req.param('id');
      if (!isJobId(id)) throw new HttpError(400, 'invalid_input', 'id: must be a job id (UUID)');
      const job = await getJob(deps.sql, principal.tenantId, id, deps.boss);
      if (!job) throw new HttpError(404, 'not_found', 'job not found');
      return sendJson(c, job);
    });
  },

  async start(deps) {
    try {
      deps.boss = await startJobQueue({ databaseUrl: deps.config.databaseUrl });
    } catch (error) {
      console.error(`bulk-import: job queue not started, optimized imports will answer 503: ${(error as Error).message}`);
      return;
    }
    // the jobs only bulk-import's optimized variant enqueues; /__stats reports them as its deferredQueries
    await startImportWorker(deps.boss, deps.sql, { onStatements: (_jobId, n) => deps.stats?.recordDeferred('bulk-import', 'optimized', n) });
  },

  async stop(deps) {
    // graceful: a running batch gets 5 s to commit; an unfinished job is failed back to the queue and resumes later
    await deps.boss?.stop({ graceful: true, wait: true, timeout: 5_000 });
    deps.boss = undefined;
  },
};
