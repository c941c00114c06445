import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { inject } from 'vitest';
import { tenantAt, tokenFor } from './test-support/index.ts';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

it('drains in-flight requests on SIGTERM, then exits 0', async () => {
  // a generous request timeout: this checks draining, not speed, on a machine that may be busy
  const server = startMain({ DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') ?? '', PORT: '0', PERFLAB_REQUEST_TIMEOUT_MS: '120000' });
  try {
    const url = await server.url;
    const token = tokenFor(await tenantAt(0));
    let signalled = false;
    const requests = Array.from({ length: 10 }, async () => {
      const res = await fetch(`${url}/naive/orders?limit=20`, { headers: { authorization: `Bearer ${token}` } });
      // the first answer means every request is accepted and in flight: stop now
      if (!signalled) {
        signalled = true;
        server.child.kill('SIGTERM');
      }
      const body = (await res.json()) as { items?: unknown[] };
      return { status: res.status, items: body.items?.length ?? body };
    });
    const results = await Promise.all(requests);
    expect(results).toEqual(Array.from({ length: 10 }, () => ({ status: 200, items: 20 })));
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code, server.stderr()).toBe(0);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
});

it('refuses a bad environment with one line and exit 2', async () => {
  const server = startMain({ DATABASE_URL: 'mysql://nope', PORT: '0' });
  const [code] = (await once(server.child, 'exit')) as [number | null];
  expect(code).toBe(2);
  expect(server.stderr().trim()).toBe('perflab-api: invalid DATABASE_URL: must be a postgres:// URL');
  await server.url.catch(() => {});
});

it('on a taken port says so in one line (no stack) and exits 2', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as AddressInfo).port;
  try {
    const server = startMain({ DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') ?? '', PORT: String(port), HOST: '127.0.0.1' });
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(server.stderr()).toBe(`perflab-api: cannot listen on 127.0.0.1:${port}: the port is already in use (stop what holds it, or use PORT=0 for any free port)\n`);
    await server.url.catch(() => {});
  } finally {
    holder.close();
  }
});

it('refuses the public dev secret beyond loopback with one line and exit 2', async () => {
  const { PERFLAB_JWT_SECRET, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...env, DATABASE_URL: inject('databaseUrl'), PORT: '0', HOST: '0.0.0.0' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(2);
  expect(stderr).toMatch(/^perflab-api: HOST 0\.0\.0\.0 is beyond loopback: set PERFLAB_JWT_SECRET .*\n$/);
});
