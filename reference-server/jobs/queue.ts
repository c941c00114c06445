import PgBoss from 'pg-boss';

/** The pg-boss queue that carries optimized bulk imports. */
export const IMPORT_QUEUE = 'bulk-import';

/** How the queue is started; the defaults are the server's, tests shorten the timers. */
export interface JobQueueOptions {
  databaseUrl: string;
  /** pg-boss keeps its tables in this schema, apart from the application's. */
  schema?: string;
  /** A job still active after this long is presumed dead (its worker crashed) and retried. */
  expireInSeconds?: number;
  retryLimit?: number;
  /** How often expired jobs are swept; the sweep is what turns a crashed worker's job into a retry. */
  maintenanceIntervalSeconds?: number;
  onError?: (error: Error) => void;
}

const defaults = {
  schema: 'pgboss',
  // 5000 rows load in well under a second; a minute is ample before presuming a worker dead
  expireInSeconds: 60,
  retryLimit: 3,
  maintenanceIntervalSeconds: 30,
};

/**
 * Starts pg-boss on the application's Postgres (its own schema, created or migrated on start)
 * and makes sure the import queue exists. The caller owns the returned instance and must
 * `stop()` it. Errors pg-boss raises in the background go to `onError` (an EventEmitter
 * 'error' without a listener would crash the process).
 *
 * @example
 * const boss = await startJobQueue({ databaseUrl });
 * await startImportWorker(boss, sql);
 */
export async function startJobQueue(options: JobQueueOptions): Promise<PgBoss> {
  const o = { ...defaults, ...options };
  const boss = new PgBoss({
    connectionString: o.databaseUrl,
    schema: o.schema,
    max: 4,
    application_name: 'perflab-jobs',
    maintenanceIntervalSeconds: o.maintenanceIntervalSeconds,
    // the queue runs no cron schedules; skipping the scheduler saves a poll every few seconds
    schedule: false,
  });
  boss.on('error', o.onError ?? ((error: Error) => console.error(`pg-boss: ${error.message}`)));
  await boss.start();
  await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, expireInSeconds: o.expireInSeconds, retryLimit: o.retryLimit });
  await boss.updateQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, expireInSeconds: o.expireInSeconds, retryLimit: o.retryLimit });
  return boss;
}
