import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny real HTTP server for driver tests (port 0, loopback): `/noop` and `/health` answer
 * `{ok:true}`, `/naive/*` and `/optimized/*` echo method and path, `/status/<code>` answers that
 * status at once, `/delay/<ms>` answers 200 after a fixed service time of `<ms>`, anything else is 404.
 */
export async function startTestServer(): Promise<{ baseUrl: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const fixed = fixedAnswer(url);
    if (fixed) {
      req.resume();
      // the timer models a service time of known length (the thing under test is the generator)
      req.on('end', () => setTimeout(() => res.writeHead(fixed.status, { 'content-type': 'application/json' }).end('{}'), fixed.delayMs));
      return;
    }
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

/** `/status/<code>` and `/delay/<ms>`: a fixed status, or 200 after a fixed service time. */
function fixedAnswer(url: string): { status: number; delayMs: number } | null {
  const status = /^\/status\/(\d{3})$/.exec(url);
  if (status) return { status: Number(status[1]), delayMs: 0 };
  const delay = /^\/delay\/(\d+)$/.exec(url);
  return delay ? { status: 200, delayMs: Number(delay[1]) } : null;
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
