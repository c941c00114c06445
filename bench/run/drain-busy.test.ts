import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { drainImports } from './run-state.ts';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A target whose GET /__imports answers 503 (shed) `busyTimes` times, then an empty import window. */
async function target(busyTimes: number): Promise<string> {
  let asked = 0;
  server = createServer((_req, res) => {
    if (asked++ < busyTimes) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"overloaded"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pendingJobs: 0, rows: 0, firstAt: null, lastAt: null, jobs: 0, workerStatements: 0, requestsInFlight: 0 }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('drainImports against a target that sheds GET /__imports (503) after an overloading window', () => {
  it('asks again until the target answers', async () => {
    const drained = await drainImports(await target(3), 'token', 5, 'product-search');
    expect(drained.window?.pendingJobs).toBe(0);
  });
  it('gives up past its bound with one line naming the comparison', async () => {
    await expect(drainImports(await target(1_000_000), 'token', 1, 'product-search')).rejects.toThrow('product-search: GET /__imports still answered 503 (overloaded) after 1 s');
  });
});
