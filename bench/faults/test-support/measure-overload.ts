/**
 * Item 8's before/after figures: `node --import tsx bench/faults/test-support/measure-overload.ts <api-root>...`
 * Provisions an embedded Postgres seeded at the default scale in a temp dir, then for each
 * API checkout given (a folder holding reference-server/main.ts) starts it, drives 200
 * connections at a naive route (N+1 orders page; OVERLOAD_PATH=sales for the sales report) for
 * OVERLOAD_SECONDS (10) with autocannon (127.0.0.1 only), and measures goodput (overall, and per
 * second: the first deadline's wave can fail whole before the server adapts) and how long after
 * the load stops a single request is fast again.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { readFixtures } from '../../../seed/fixtures-schema.ts';
import { seedDataset } from '../../../seed/seed.ts';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres } from '../../env/embedded-postgres.ts';
import { freePort } from '../../env/free-port.ts';
import { migrate } from '../../../reference-server/db/migrate.ts';
import { createDatabaseIfMissing, DATABASE_NAME } from '../../env/postgres.ts';

const roots = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'perflab-overload-'));
await chmod(dir, 0o755);
const port = await freePort();
const cluster = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false, port });
try {
  const base = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}`;
  await createDatabaseIfMissing(`${base}/postgres`, DATABASE_NAME);
  const databaseUrl = `${base}/${DATABASE_NAME}`;
  await migrate(databaseUrl);
  const fixturesPath = join(dir, 'fixtures.json');
  let t = Date.now();
  await seedDataset(databaseUrl, { scale: 'default', seed: 42, fixturesPath });
  console.log(`seeded default in ${Date.now() - t} ms`);
  const tenant = (await readFixtures(fixturesPath)).tenants[0]!;
  const sales = `/naive/reports/sales?from=${tenant.orderDates.from.slice(0, 10)}&to=${tenant.orderDates.to.slice(0, 10)}&groupBy=month`;
  // the naive sales report takes seconds alone on a busy 2-core box; the N+1 orders page is the lighter choice
  const path = process.env.OVERLOAD_PATH === 'sales' ? sales : '/naive/orders?limit=100';
  const headers = { authorization: `Bearer ${tenant.tokens.viewer}` };
  for (const root of roots) {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'reference-server/main.ts')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^listening on (\S+)$/.exec(line);
        if (m?.[1]) resolve(m[1]);
      }),
    );
    const once = async () => {
      const start = Date.now();
      const res = await fetch(url + path, { headers, signal: AbortSignal.timeout(15_000) }).catch(() => null);
      if (!res) return { status: 0, ms: Date.now() - start };
      await res.arrayBuffer();
      return { status: res.status, ms: Date.now() - start };
    };
    const baseline = await once();
    t = Date.now();
    const seconds = Number(process.env.OVERLOAD_SECONDS ?? 10);
    const okPerSecond = Array.from({ length: seconds }, () => 0);
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: url + path, connections: 200, duration: seconds, headers, timeout: 15 }, (error, done) => (error ? reject(error) : resolve(done)));
      instance.on('response', (_client, status) => {
        const second = Math.floor((Date.now() - t) / 1000);
        if (status >= 200 && status < 300 && second < seconds) okPerSecond[second]! += 1;
      });
    });
    const stoppedAt = Date.now();
    let probe = await once();
    while ((probe.status !== 200 || probe.ms > Math.max(3 * baseline.ms, 500)) && Date.now() - stoppedAt < 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      probe = await once();
    }
    const ok = result['2xx'];
    console.log(
      JSON.stringify({
        root,
        baselineMs: baseline.ms,
        requests: result.requests.total,
        '2xx': ok,
        non2xx: result.non2xx,
        timeouts: result.timeouts,
        goodputPerSec: +(ok / ((stoppedAt - t) / 1000)).toFixed(1),
        okPerSecond,
        p50: result.latency.p50,
        recoveryMs: Date.now() - stoppedAt,
      }),
    );
    child.kill('SIGKILL');
  }
} finally {
  await cluster.stop();
  await rm(dir, { recursive: true, force: true });
}
