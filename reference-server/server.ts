import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
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
    server.once('error', reject);
    answerClientErrorsWithJson(server as Server);
  });
}

function drain(server: ServerType, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // keep-alive sockets with no request in flight would hold close() open
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
