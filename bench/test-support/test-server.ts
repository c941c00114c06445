import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny real HTTP server for driver tests (port 0, loopback): `/noop` and `/health` answer
 * `{ok:true}`, `/naive/*` and `/optimized/*` echo method and path, anything else is 404.
 */
export async function startTestServer(): Promise<{ baseUrl: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const known = url === '/noop' || url === '/health' || url.startsWith('/naive/') || url.startsWith('/optimized/');
    const body = known ? JSON.stringify({ ok: true, method: req.method, url }) : JSON.stringify({ error: { code: 'not_found', message: url } });
    req.resume();
    req.on('end', () => {
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening (bound, read, released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether a process id is still alive (signal 0 probes without killing). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
