// A worker process that dies by SIGKILL right after its second committed batch: no cleanup, no
// pg-boss shutdown, the job left `active` — what a crashed or OOM-killed worker leaves behind.
// Usage: node --import tsx crashing-worker.fixture.ts <databaseUrl> <pgBossSchema> <expireInSeconds>
import postgres from 'postgres';
import { startImportWorker } from '../jobs/import-worker.ts';
import { startJobQueue } from '../jobs/queue.ts';

const [databaseUrl, schema, expireInSeconds] = process.argv.slice(2);
if (!databaseUrl || !schema || !expireInSeconds) throw new Error('usage: crashing-worker.fixture.ts <databaseUrl> <schema> <expireInSeconds>');

const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const boss = await startJobQueue({ databaseUrl, schema, expireInSeconds: Number(expireInSeconds) });
let batches = 0;
await startImportWorker(boss, sql, {
  batchSize: 500,
  onBatch: () => {
    batches += 1;
    if (batches === 2) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('worker ready\n');
