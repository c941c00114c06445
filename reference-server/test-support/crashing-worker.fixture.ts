// A worker process that dies at a chosen stage of its first job, as a crashed, OOM-killed or
// redeployed worker does:
//   before-rows        SIGKILL once the job is taken, before any batch: no cleanup, job left `active`
//   mid-import         SIGKILL right after the second committed batch
//   sigterm-mid-import SIGTERM after the second batch while that job outlasts the grace period:
//                      the graceful stop the server does (pg-boss fails the job), then exit
// Usage: node --import tsx crashing-worker.fixture.ts <databaseUrl> <pgBossSchema> <expireInSeconds> <retryLimit> <stage>
import postgres from 'postgres';
import { startImportWorker } from '../jobs/import-worker.ts';
import { startJobQueue } from '../jobs/queue.ts';

const STAGES = ['before-rows', 'mid-import', 'sigterm-mid-import'] as const;
const [databaseUrl, schema, expireInSeconds, retryLimit, stage] = process.argv.slice(2);
if (!databaseUrl || !schema || !expireInSeconds || !retryLimit || !STAGES.includes(stage as never)) {
  throw new Error(`usage: crashing-worker.fixture.ts <databaseUrl> <schema> <expireInSeconds> <retryLimit> <${STAGES.join('|')}>`);
}

const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const boss = await startJobQueue({ databaseUrl, schema, expireInSeconds: Number(expireInSeconds), retryLimit: Number(retryLimit) });

process.once('SIGTERM', async () => {
  await boss.stop({ graceful: true, wait: true, timeout: 1_000 });
  await sql.end({ timeout: 1 });
  process.exit(0);
});

let batches = 0;
await startImportWorker(boss, sql, {
  batchSize: 500,
  onStart: () => {
    if (stage === 'before-rows') process.kill(process.pid, 'SIGKILL');
  },
  onBatch: async () => {
    batches += 1;
    if (batches !== 2) return;
    if (stage === 'mid-import') process.kill(process.pid, 'SIGKILL');
    if (stage === 'sigterm-mid-import') {
      process.kill(process.pid, 'SIGTERM');
      // this job's remaining work outlasts the grace period: the stop must give up on it
      await new Promise(() => {});
    }
  },
});
process.stdout.write('worker ready\n');
