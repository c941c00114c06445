import { execFile } from 'node:child_process';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listenApi, type RunningServer } from '../../reference-server/server.ts';
import { testConfig } from '../../reference-server/test-support/index.ts';
import { findK6 } from '../env/k6.ts';
import { requireOrSkip } from '../test-support/test-requirements.ts';

/** `k6 run scenarios/k6/comparison.ts` typed by hand, as the README shows it: exit codes and what the summary says. */
const k6Bin = (await findK6())?.bin ?? null;
const skip = requireOrSkip('k6', k6Bin !== null);
const script = fileURLToPath(new URL('../../scenarios/k6/comparison.ts', import.meta.url));
const LENIENT = JSON.stringify({ 'http_req_duration{scenario:measure}': ['p(95)<60000'] });

interface K6Result {
  code: number;
  stdout: string;
  stderr: string;
}

function k6(args: string[], env: Record<string, string> = {}): Promise<K6Result> {
  return new Promise((resolve) => {
    const child = execFile(k6Bin ?? 'k6', ['run', '--no-color', ...args, script], { env: { ...process.env, K6_NO_USAGE_REPORT: 'true', ...env }, timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode ?? -1, stdout, stderr }),
    );
  });
}

let api: RunningServer;
let home: string;
beforeAll(async () => {
  api = await listenApi(testConfig({ port: 0, host: '127.0.0.1' }));
  // PERFLAB_HOME is the state folder itself, as lib/paths.ts reads it
  home = await mkdtemp(join(tmpdir(), 'perflab-home-'));
  await copyFile(inject('fixturesPath'), join(home, 'fixtures.json'));
});
afterAll(() => api?.close(1000));

describe.skipIf(skip)('the k6 script run by hand', () => {
  it('`k6 run --vus --duration` measures the comparison, fixtures found through PERFLAB_HOME, and exits 0', async () => {
    const out = await k6(['--vus', '2', '--duration', '2s', '-e', 'COMPARISON=auth-context', '-e', 'VARIANT=optimized', '-e', `BASE_URL=${api.url}`, '-e', `THRESHOLDS=${LENIENT}`], { PERFLAB_HOME: home });
    expect(out.stderr).not.toMatch(/cannot read fixtures/);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("k6 CLI options replaced perflab's scenarios with 'default'");
    expect(Number(/measured http_req_duration {2}n=(\d+)/.exec(out.stdout)?.[1])).toBeGreaterThan(0);
    expect(out.stdout).toMatch(/http_reqs\.+: \d+ +[\d.]+\/s/);
    expect(out.stdout).toMatch(/iterations\.+: \d+/);
    expect(out.stdout).toMatch(/data_received\.+: [\d.]+ [kM]?B/);
    expect(out.stdout).toContain('ok   checks{scenario:measure}: rate>0.99');
    expect(out.stdout).not.toContain('FAIL');
  });

  it('refuses a misspelt -e THRESHOLDS before any load, with a non-zero exit', async () => {
    const typo = JSON.stringify({ 'http_req_duration{scenario:mesure}': ['p(95)<1000'] });
    const out = await k6(['-e', 'COMPARISON=auth-context', '-e', `BASE_URL=${api.url}`, '-e', `FIXTURES=${inject('fixturesPath')}`, '-e', `THRESHOLDS=${typo}`]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/would have matched no samples.*http_req_duration\{scenario:mesure\}: 'scenario' is one of 'warmup', 'measure' \(got 'mesure'\)/);
  });
});

describe.skipIf(skip)('the k6 script against a server that fails it', () => {
  let mode: 'unavailable' | 'hang' = 'unavailable';
  let answered = 0;
  const held = createServer((req, res) => {
    req.resume();
    // /health and the setup probe succeed; then every request gets a pool-style 503, or no answer at all
    if (req.url === '/health' || answered++ === 0) return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    if (mode === 'unavailable') res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'timeout', message: 'request timed out' } }));
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(held.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    held.closeAllConnections();
    held.close();
  });
  const run = () =>
    k6(['-e', 'COMPARISON=auth-context', '-e', `BASE_URL=${base}`, '-e', `FIXTURES=${inject('fixturesPath')}`, '-e', 'MODEL=closed', '-e', 'VUS=1', '-e', 'DURATION=1', '-e', 'WARMUP=0']);

  it('counts 503s by the API error code and says where they come from', async () => {
    mode = 'unavailable';
    answered = 0;
    const out = await run();
    expect(out.code).toBe(99);
    expect(out.stdout).toMatch(/503 × (\d+) from the API: timeout × \1\n/);
    expect(out.stdout).toMatch(/api_503_timeout\.+: \d+/);
    expect(out.stdout).toMatch(/up to 1 VUs in flight fit in `perflab serve`'s default pool of \d+ connections/);
  });

  it('exits non-zero when no request completed in the measured window', async () => {
    mode = 'hang';
    answered = 0;
    const out = await run();
    expect(out.stdout).toContain('FAIL no request completed in the measured scenario');
    expect(out.code).toBe(99);
  }, 30_000);
});
