import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../lib/usage-error.ts';
import { onCleanup, stopChild } from './cleanup.ts';
import { perflabDir, projectRoot } from '../../lib/paths.ts';
import { readServices, type Services } from './services.ts';

/** The host's output goes here: it outlives the terminal that started it. */
export const serviceLogFile = join(perflabDir, 'services.log');

/**
 * Starts `service-host.ts` as a detached process (its own session, output to
 * `.perflab/services.log`) and resolves with its services once it has written them. If the host
 * exits first, its last `perflab: …` line becomes a UsageError (e.g. an unreachable DATABASE_URL).
 */
export async function startServiceHost(timeoutMs = 180_000): Promise<Services> {
  await mkdir(perflabDir, { recursive: true });
  const log = openSync(serviceLogFile, 'w');
  const host = join(projectRoot, 'bench/env/service-host.ts');
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), host, '--log-file', serviceLogFile], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exitCode: number | null = null;
  child.once('exit', (code, signal) => (exitCode = code ?? (signal ? 1 : 0)));
  child.unref();
  // Until it is ready the host is ours: Ctrl-C on `perflab up` must not leave it starting alone.
  const unregister = onCleanup('service host (starting)', () => stopChild(child), child.pid);
  try {
    return await waitForHost(child.pid!, () => exitCode, timeoutMs, () => child.kill('SIGTERM'));
  } finally {
    unregister();
  }
}

async function waitForHost(pid: number, exitCode: () => number | null, timeoutMs: number, kill: () => void): Promise<Services> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const services = await readServices();
    if (services && services.hostPid === pid) return services;
    const code = exitCode();
    if (code !== null) throw hostFailure(code);
    if (Date.now() > deadline) {
      kill();
      throw new Error(`perflab up: services not ready after ${timeoutMs / 1000} s (see ${serviceLogFile})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function hostFailure(exitCode: number): Error {
  const output = existsSync(serviceLogFile) ? readFileSync(serviceLogFile, 'utf8').trim() : '';
  const lastLine = output.split('\n').at(-1) ?? '';
  if (lastLine.startsWith('perflab: ')) return new UsageError(lastLine.slice('perflab: '.length), exitCode || 2);
  return new Error(`the service host exited with code ${exitCode}; its output (${serviceLogFile}):\n${output}`);
}

/** `DATABASE_URL=…` / `REDIS_URL=…` lines, fit for `eval "$(perflab up)"`. */
export function serviceEnvLines(services: Services): string {
  const lines = [`DATABASE_URL=${services.postgres.url}`];
  if (services.redis.url) lines.push(`REDIS_URL=${services.redis.url}`);
  return lines.join('\n') + '\n';
}

