import { serve, type ServerType } from '@hono/node-server';
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, createRuntime, startExtensions } from './app.ts';
import type { Deps } from './types.ts';
import type { Config } from './config.ts';
import { answerClientErrorsWithJson } from './http/client-error.ts';

/** A listening API server and how to stop it gracefully. */
export interface RunningServer {
  url: string;
  deps: Deps;
  /** Stops accepting, drains in-flight requests (forcing after `graceMs`), then closes workers, pool and cache. */
  close(graceMs?: number): Promise<void>;
}

/** Opens deps, starts extensions, listens on config.host:config.port (0 = any free port). */
export async function listenApi(config: Config): Promise<RunningServer> {
  const runtime = await createRuntime(config);
  let stopExtensions: () => Promise<void> = async () => {};
  try {
    stopExtensions = await startExtensions(runtime.deps);
    const app = createApp(runtime.deps);
    const server = await listen(app.fetch, config);
    const { port } = server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      deps: runtime.deps,
      close: (graceMs = 10_000) =>
        (closing ??= (async () => {
          await drain(server, graceMs);
          await stopExtensions();
          await runtime.close();
        })()),
    };
  } catch (error) {
    await stopExtensions().catch(() => {});
    await runtime.close();
    throw error;
  }
}

function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    trackResponses(server);
    server.once('error', reject);
    answerClientErrorsWithJson(server as HttpServer);
  });
}

/**
 * Graceful stop: stop accepting, close idle keep-alive sockets now, and have every other
 * socket close after its current response: responses not yet started say `Connection: close`,
 * and each response that finishes frees its socket at once. Without this a keep-alive client
 * keeps sending on its open socket through the whole grace period, and is then cut mid-request.
 */
function drain(server: ServerType, graceMs: number): Promise<void> {
  if (!(server instanceof HttpServer)) return new Promise((resolve) => server.close(() => resolve()));
  const http = server;
  return new Promise((resolve) => {
    const force = setTimeout(() => http.closeAllConnections(), graceMs);
    force.unref();
    const closeAfter = (res: ServerResponse) => {
      if (!res.headersSent) res.setHeader('Connection', 'close');
      res.once('finish', () => setImmediate(() => http.closeIdleConnections()));
    };
    for (const res of inFlight(http)) closeAfter(res);
    http.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => closeAfter(res));
    http.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections();
  });
}

const responses = new WeakMap<HttpServer, Set<ServerResponse>>();

/** Tracks the responses in progress, so draining can mark those already running. */
function trackResponses(server: ServerType): void {
  if (!(server instanceof HttpServer)) return;
  const open = new Set<ServerResponse>();
  responses.set(server, open);
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
  });
}

function inFlight(server: HttpServer): ServerResponse[] {
  return [...(responses.get(server) ?? [])];
}
