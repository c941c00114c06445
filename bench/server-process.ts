import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { loadConfig } from '../reference-server/config.ts';
import { serverSettings, type ServerSettings } from './run/reproducibility.ts';

const SERVER_ENTRY = fileURLToPath(new URL('../reference-server/main.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');

export interface ApiServerOptions {
  databaseUrl: string;
  redisUrl: string | null;
  /** 0 picks a free port; the server reports the one it bound. */
  port?: number;
  /** Address to bind; loopback unless the user allowed otherwise. */
  host?: string;
  /** postgres.js degrades when more queries are in flight than its pool `max`: size it to the load. */
  poolMax?: number;
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** The server entry to run (default this tree's reference-server/main.ts): `gate --against` runs the base ref's own. */
  entry?: string;
}

export interface ApiServerProcess {
  baseUrl: string;
  pid: number;
  /** The figure-shaping settings the server parsed from the environment it was given (pool, timeouts, limits). */
  settings: ServerSettings;
  /** Resolves with the exit code when the process ends, whoever ended it. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts the reference API as a child process — never in the harness's own event loop, so the
 * generator and the server do not share a CPU thread — and resolves once it prints its URL.
 */
export async function spawnApiServer(options: ApiServerOptions): Promise<ApiServerProcess> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port ?? 0),
    HOST: options.host ?? '127.0.0.1',
    ...(options.poolMax ? { PERFLAB_DB_POOL_MAX: String(options.poolMax) } : {}),
    ...options.env,
  };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else delete env.REDIS_URL;

  const child = spawn(process.execPath, ['--import', TSX_LOADER, options.entry ?? SERVER_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${options.startTimeoutMs ?? 30_000} ms`)), options.startTimeoutMs ?? 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}) before listening: ${stderr.join('').trim().split('\n').slice(-3).join(' | ')}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    baseUrl,
    // the child validated this same environment before listening, so parsing it here cannot fail
    settings: serverSettings(loadConfig(env)),
    pid: child.pid ?? -1,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
