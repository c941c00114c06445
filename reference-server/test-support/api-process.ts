import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER_ENTRY = fileURLToPath(new URL('../main.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');

/** One API instance in a process of its own, as a deployment runs several behind a load balancer. */
export interface ApiProcess {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `reference-server/main.ts` on a free loopback port; resolves once it prints its URL. */
export async function startApiProcess(env: { DATABASE_URL: string; REDIS_URL?: string }): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, SERVER_ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1].replace(/\/$/, ''));
    });
    void exited.then(() => reject(new Error(`API process exited before listening: ${stderr.trim()}`)));
  });
  return {
    baseUrl,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
