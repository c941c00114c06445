import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { registerChild, stopChild } from './cleanup.ts';
import { freePort } from './free-port.ts';

/** The Toxiproxy release perflab builds and drives (`.ci/run` builds the same one). */
export const TOXIPROXY_VERSION = 'v2.5.0';

/** Where `.ci/run` and the README's build line put the binary (`go install` names it `server`). */
export const TOXIPROXY_CACHE_BIN = join(homedir(), '.cache', 'perflab', `toxiproxy-${TOXIPROXY_VERSION}`, 'server');

/** The one line that builds it, for the error a user sees when it is missing. */
export const TOXIPROXY_BUILD_HINT = `GOBIN=~/.cache/perflab/toxiproxy-${TOXIPROXY_VERSION} go install github.com/Shopify/toxiproxy/v2/cmd/server@${TOXIPROXY_VERSION} (or set TOXIPROXY_BIN)`;

/** TOXIPROXY_BIN, else the cached build; null when neither exists. */
export function findToxiproxy(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidate = env.TOXIPROXY_BIN || TOXIPROXY_CACHE_BIN;
  return existsSync(candidate) ? candidate : null;
}

/** A proxy Toxiproxy holds: clients connect to `listen`, it forwards to `upstream`. */
export interface ProxyInfo {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: { name: string; type: string; stream: string; attributes: Record<string, number> }[];
}

export interface Toxiproxy {
  apiUrl: string;
  pid: number;
  /** Creates a proxy on a free loopback port to `upstream` (host:port) whose replies are held `latencyMs` (the added round trip). */
  addProxy(name: string, upstream: string, latencyMs: number): Promise<ProxyInfo>;
  proxy(name: string): Promise<ProxyInfo>;
  /** Disabling closes every connection through the proxy and refuses new ones, as a network cut would. */
  setEnabled(name: string, enabled: boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts Toxiproxy's server on a free loopback port (registered for cleanup, so Ctrl-C stops it)
 * and resolves once its HTTP API answers.
 */
export async function startToxiproxy(bin: string): Promise<Toxiproxy> {
  const port = await freePort();
  const child = spawn(bin, ['-host', '127.0.0.1', '-port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => void stderr.push(chunk.toString()));
  registerChild('toxiproxy', child);
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitForApi(apiUrl, child, stderr);

  const api = async (path: string, init?: { method: string; body: unknown }) => {
    const response = await fetch(`${apiUrl}${path}`, init ? { method: init.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) } : undefined);
    const text = await response.text();
    if (!response.ok) throw new Error(`toxiproxy ${init?.method ?? 'GET'} ${path} answered ${response.status}: ${text.trim()}`);
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
  return {
    apiUrl,
    pid: child.pid ?? -1,
    async addProxy(name, upstream, latencyMs) {
      const listen = `127.0.0.1:${await freePort()}`;
      await api('/proxies', { method: 'POST', body: { name, listen, upstream, enabled: true } });
      // downstream: each reply chunk is held latencyMs after it arrived, so every round trip costs latencyMs more
      if (latencyMs > 0) await api(`/proxies/${name}/toxics`, { method: 'POST', body: { name: 'added-latency', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: latencyMs, jitter: 0 } } });
      return (await api(`/proxies/${name}`)) as ProxyInfo;
    },
    proxy: async (name) => (await api(`/proxies/${name}`)) as ProxyInfo,
    async setEnabled(name, enabled) {
      await api(`/proxies/${name}`, { method: 'POST', body: { enabled } });
    },
    stop: () => stopChild(child),
  };
}

async function waitForApi(apiUrl: string, child: ReturnType<typeof spawn>, stderr: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`toxiproxy exited (code ${child.exitCode}) before its API answered: ${stderr.join('').trim().split('\n').slice(-2).join(' | ')}`);
    try {
      if ((await fetch(`${apiUrl}/version`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChild(child);
  throw new Error('toxiproxy did not answer within 10 s');
}

/** `url` with its host and port replaced by the proxy's listen address (credentials, database and query kept). */
export function throughProxy(url: string, listen: string): string {
  const parsed = new URL(url);
  const [host, port] = listen.split(':');
  parsed.hostname = host ?? '127.0.0.1';
  parsed.port = port ?? '';
  return parsed.toString();
}

/** `host:port` of a postgres:// or redis:// URL, for a proxy's upstream. */
export function upstreamOf(url: string, defaultPort: number): string {
  const parsed = new URL(url);
  const host = parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname;
  return `${host}:${parsed.port || defaultPort}`;
}
