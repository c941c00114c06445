import { inject } from 'vitest';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import type { Role } from '../auth/token.ts';
import type { App } from '../types.ts';
import { loadConfig, type Config } from '../config.ts';
import { openPool } from '../db/open-pool.ts';
import { Stats } from '../http/stats.ts';
import { readFixtures, type Fixtures, type TenantFixtures } from '../../seed/fixtures-schema.ts';

/** Config for tests: the globalSetup's database and Redis, overridable per test. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl') ?? undefined, PORT: '0' });
  return { ...base, dbPoolMax: 8, ...overrides };
}

/**
 * Deps over the test database and cache (Redis when the setup found one), every pool connection
 * already open so query counts hold no connection's own pg_type lookup; call `close()` in afterAll.
 */
export async function createTestDeps(overrides: Partial<Config> = {}): Promise<Runtime> {
  const config = testConfig(overrides);
  const runtime = await createRuntime(config);
  await openPool(runtime.deps.sql, config.dbPoolMax);
  return runtime;
}

/** A full app over test deps, requests through `app.request()` with no socket. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<{ app: App; stats: Stats } & Runtime> {
  const runtime = await createTestDeps(overrides);
  const stats = new Stats();
  return { ...runtime, app: createApp(runtime.deps, stats), stats };
}

let fixtures: Promise<Fixtures> | undefined;

/** The fixtures file the globalSetup's seeder wrote (read once per test file). */
export function testFixtures(): Promise<Fixtures> {
  return (fixtures ??= readFixtures(inject('fixturesPath')));
}

/** Tenant `index` of the fixtures (0 = the largest). */
export async function tenantAt(index = 0): Promise<TenantFixtures> {
  const tenant = (await testFixtures()).tenants[index];
  if (!tenant) throw new Error(`fixtures have no tenant #${index}`);
  return tenant;
}

/** The seeded bearer token of `tenant` for `role`. */
export function tokenFor(tenant: TenantFixtures, role: Role = 'viewer'): string {
  return tenant.tokens[role];
}

export interface VariantResponse {
  status: number;
  body: any;
  /** The raw body text, for byte-equal parity checks. */
  text: string;
  queryCount: number;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request to `/<variant><pathAndQuery>`. */
export async function requestVariant(app: App, variant: 'naive' | 'optimized', pathAndQuery: string, options: RequestOptions = {}): Promise<VariantResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await app.request(`/${variant}${pathAndQuery}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text so the assertion shows it
  }
  return { status: res.status, body, text, queryCount: Number(res.headers.get('x-query-count')), headers: res.headers };
}

/** The same request to both variants, naive first. */
export async function requestBoth(app: App, pathAndQuery: string, options: RequestOptions = {}): Promise<{ naive: VariantResponse; optimized: VariantResponse }> {
  const naive = await requestVariant(app, 'naive', pathAndQuery, options);
  const optimized = await requestVariant(app, 'optimized', pathAndQuery, options);
  return { naive, optimized };
}

/** Deterministic PRNG (mulberry32) for seeded random test inputs. */
export { seededRandom } from '../../lib/seeded-random.ts';
