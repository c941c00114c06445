import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../env/free-port.ts';

/** How the proxy fails: `refuse` closes the port (ECONNREFUSED), `hang` accepts and never answers (a SIGSTOPped or partitioned server). */
export type TcpFault = 'refuse' | 'hang';

/** A loopback TCP forwarder whose link to the target can be cut and restored. */
export interface TcpFaultProxy {
  port: number;
  /** `url` with its port replaced by the proxy's. */
  through(url: string): string;
  cut(fault: TcpFault): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a forwarder on a free 127.0.0.1 port to `127.0.0.1:targetPort`. Cutting drops every
 * open connection (clients see the server close them, as when Postgres restarts); `hang` then
 * accepts new connections but forwards nothing until restored, as a stopped server or a
 * partitioned network would. Restoring forwards again (stalled connections included) on the same port.
 */
export async function startTcpFaultProxy(targetPort: number): Promise<TcpFaultProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  const stalled = new Set<Socket>();
  let fault: TcpFault | null = null;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const forward = (client: Socket) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  const onConnection = (client: Socket) => {
    track(client);
    if (fault !== 'hang') return forward(client);
    // a stalled link: what the client sends waits unread, and flows once the link heals
    client.pause();
    stalled.add(client);
    client.on('close', () => stalled.delete(client));
  };
  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
      server = s;
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
    });
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  await listen();
  return {
    port,
    through: (url) => {
      const parsed = new URL(url);
      parsed.port = String(port);
      return parsed.toString();
    },
    async cut(next) {
      fault = next;
      dropAll();
      if (next === 'refuse') await stopListening();
    },
    async restore() {
      fault = null;
      for (const client of stalled) forward(client);
      stalled.clear();
      if (!server) await listen();
    },
    async close() {
      dropAll();
      await stopListening();
    },
  };
}
