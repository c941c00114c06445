import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeDocker } from './docker.ts';
import { withEnv } from '../test-support/with-env.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A socket that speaks the one endpoint the probe asks for, standing in for the engine's API. */
async function fakeEngine(handler: (path: string) => [number, string]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'perflab-docker-'));
  const socketPath = join(dir, 'docker.sock');
  const server: Server = createServer((req, res) => {
    const [status, body] = handler(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanups.push(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });
  return `unix://${socketPath}`;
}

describe('probeDocker', () => {
  it('reports a missing socket as absent, with the reason', async () => {
    const probe = await withEnv({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, () => probeDocker());
    expect(probe).toEqual({
      available: false,
      endpoint: 'unix:///nonexistent/docker.sock',
      version: null,
      reason: 'no Docker socket at /nonexistent/docker.sock',
    });
  });

  it('reports a refused TCP endpoint as absent', async () => {
    const probe = await withEnv({ DOCKER_HOST: 'tcp://127.0.0.1:1' }, () => probeDocker());
    expect(probe.available).toBe(false);
    expect(probe.reason).toMatch(/not reachable at tcp:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
  });

  it('detects an engine that answers /version', async () => {
    const host = await fakeEngine((path) => (path === '/version' ? [200, '{"Version":"27.3.1"}'] : [404, '{}']));
    const probe = await withEnv({ DOCKER_HOST: host }, () => probeDocker());
    expect(probe).toMatchObject({ available: true, version: '27.3.1', reason: null });
  });

  it('treats a socket that answers with an error as absent', async () => {
    const host = await fakeEngine(() => [500, '{}']);
    const probe = await withEnv({ DOCKER_HOST: host }, () => probeDocker());
    expect(probe).toMatchObject({ available: false, reason: 'Docker engine answered HTTP 500' });
  });
});
