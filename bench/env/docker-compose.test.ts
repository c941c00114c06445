import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_ENV_KEYS, loadConfig } from '../../reference-server/config.ts';
import { DEV_JWT_SECRET } from '../../reference-server/auth/token.ts';
import serve, { parseServeArgs } from '../cli/serve.ts';
import { rejectUnknownFlags } from '../cli/unknown-flags.ts';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, POSTGRES_SETTINGS } from './embedded-postgres.ts';
import { DATABASE_NAME } from './postgres.ts';
import { projectRoot } from '../../lib/paths.ts';

interface Service {
  image: string;
  command: string[];
  environment?: Record<string, string>;
  ports: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const { postgres, redis, api } = compose.services as Record<'postgres' | 'redis' | 'api', Service>;

/** Compose's `${NAME:-default}` interpolation, and `$$` → `$`, as `docker compose` applies them. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+):-([^}]*)\}/g, (_m, _name: string, fallback: string) => fallback).replaceAll('$$', '$');
}

const apiEnv = Object.fromEntries(Object.entries(api.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));

/** "127.0.0.1:5432:5432" → { host: 5432, container: 5432 }. */
function published(port: string): { host: number; container: number } {
  const parts = port.split(':');
  return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
}

describe('docker-compose.yml', () => {
  it('has exactly Postgres 17, Redis 7 and the API', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis']);
    expect(postgres.image).toBe('postgres:17');
    expect(redis.image).toBe('redis:7');
  });

  it('runs Postgres with the settings of the embedded cluster and the credentials the API uses', () => {
    expect(postgres.command.filter((_, i) => postgres.command[i - 1] === '-c')).toEqual(POSTGRES_SETTINGS);
    expect(postgres.environment).toEqual({ POSTGRES_USER: EMBEDDED_USER, POSTGRES_PASSWORD: EMBEDDED_PASSWORD, POSTGRES_DB: DATABASE_NAME });
    expect(postgres.ports.map(published)).toEqual([{ host: 5432, container: 5432 }]);
    expect(redis.ports.map(published)).toEqual([{ host: 6379, container: 6379 }]);
  });

  it('gives the API only variables the server reads, pointing at the other two services', () => {
    for (const key of Object.keys(apiEnv)) expect(CONFIG_ENV_KEYS).toContain(key);
    expect(Object.keys(apiEnv).sort()).toEqual(['DATABASE_URL', 'PERFLAB_JWT_SECRET', 'PORT', 'REDIS_URL']);
    const config = loadConfig(apiEnv);
    const db = new URL(config.databaseUrl);
    expect([db.hostname, db.port, db.username, db.password, db.pathname]).toEqual(['postgres', '5432', EMBEDDED_USER, EMBEDDED_PASSWORD, `/${DATABASE_NAME}`]);
    expect(config.redisUrl).toBe('redis://redis:6379');
    expect(config.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(api.ports.map(published)).toEqual([{ host: 3000, container: config.port }]);
    expect(Object.keys(api.depends_on!).sort()).toEqual(['postgres', 'redis']);
  });

  it('starts the API with `perflab serve` flags the CLI accepts, on the published port', async () => {
    const script = interpolate(api.command.at(-1)!);
    const argv = /npx perflab serve (.*)$/.exec(script)![1]!.split(/\s+/).map((a) => a.replaceAll('"', ''));
    const resolved = argv.map((a) => (a === '$PORT' ? String(loadConfig(apiEnv).port) : a));
    rejectUnknownFlags(resolved, (await serve.args) as never);
    const flag = (name: string) => resolved[resolved.indexOf(name) + 1]!;
    const options = parseServeArgs({ port: flag('--port'), host: flag('--host'), scale: 'default', 'pool-max': '32', 'allow-remote': resolved.includes('--allow-remote') });
    expect(options).toMatchObject({ port: 3000, host: '0.0.0.0' });
  });
});
