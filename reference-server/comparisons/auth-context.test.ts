import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownRedisDb } from '../test-support/own-redis-db.ts';
import { signToken, type Role } from '../auth/token.ts';
import { createApp, createRuntime, type Runtime } from '../app.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../seed/test-support/scratch-database.ts';
import { createTestApp, requestBoth, requestVariant, seededRandom, testConfig } from '../test-support/index.ts';
import { setMembershipRole } from './auth-context.ts';
import type { App } from './types.ts';


let t: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  t = await createTestApp({ redisUrl: ownRedisDb('auth-context') });
});
afterAll(() => t.close());

const token = (userId: number, tenantId: number, role: Role = 'viewer') => signToken({ userId, tenantId, role }, t.deps.config.jwtSecret);

describe('auth-context (seeded users)', () => {
  it('gives byte-equal JSON from both variants, cold and warm, for 24 seeded memberships and 6 strangers', async () => {
    const all = await t.deps.sql<{ userId: number; tenantId: number }[]>`
      SELECT user_id AS "userId", tenant_id AS "tenantId" FROM memberships ORDER BY user_id, tenant_id`;
    const tenantIds = [...new Set(all.map((m) => m.tenantId))];
    expect(all.length).toBeGreaterThanOrEqual(6);
    const random = seededRandom(5);
    const cases = Array.from({ length: 24 }, () => all[Math.floor(random() * all.length)]!);
    // strangers: a member of one tenant holding a token for another, and a user that does not exist
    const strangers = all.map((m) => ({ userId: m.userId, tenantId: tenantIds.find((id) => !all.some((x) => x.userId === m.userId && x.tenantId === id)) }));
    cases.push(...strangers.filter((s): s is { userId: number; tenantId: number } => s.tenantId !== undefined).slice(0, 5));
    cases.push({ userId: 2_000_000_000, tenantId: tenantIds[0]! });
    for (const { userId, tenantId } of cases) {
      const auth = await token(userId, tenantId);
      const { naive, optimized } = await requestBoth(t.app, '/me', { token: auth });
      const warm = await requestVariant(t.app, 'optimized', '/me', { token: auth });
      expect(optimized.text, `user ${userId} tenant ${tenantId}`).toBe(naive.text);
      expect(warm.text).toBe(naive.text);
      const isMember = all.some((m) => m.userId === userId && m.tenantId === tenantId);
      expect(naive.status).toBe(isMember ? 200 : userId === 2_000_000_000 ? 401 : 403);
      if (isMember) expect(naive.body).toMatchObject({ user: { id: userId }, tenant: { id: tenantId } });
    }
  });

  it('costs naive 3 queries every time; optimized 1 on a miss, 0 on a hit', async () => {
    const [m] = await t.deps.sql<{ userId: number; tenantId: number }[]>`
      SELECT user_id AS "userId", tenant_id AS "tenantId" FROM memberships ORDER BY user_id DESC LIMIT 1`;
    const auth = await token(m!.userId, m!.tenantId);
    await t.deps.cache.incr(`session-v:${m!.userId}`);
    for (let i = 0; i < 3; i++) expect((await requestVariant(t.app, 'naive', '/me', { token: auth })).queryCount).toBe(3);
    const [miss, hit] = [await requestVariant(t.app, 'optimized', '/me', { token: auth }), await requestVariant(t.app, 'optimized', '/me', { token: auth })];
    expect([miss.queryCount, hit.queryCount]).toEqual([1, 0]);
    expect(hit.headers.get('server-timing')).toContain('cache;desc="hit"');
  });

  it('answers 401 to a missing, malformed, forged or expired token on both variants', async () => {
    const forged = await signToken({ userId: 1, tenantId: 1, role: 'admin' }, 'not-the-server-secret');
    const expired = await signToken({ userId: 1, tenantId: 1, role: 'viewer' }, t.deps.config.jwtSecret, -10);
    for (const auth of [undefined, 'garbage', 'a.b.c', forged, expired, "' OR 1=1 --", 'x'.repeat(10_000)]) {
      const { naive, optimized } = await requestBoth(t.app, '/me?include=everything', { token: auth });
      expect([naive.status, optimized.status]).toEqual([401, 401]);
      expect(naive.body.error.code).toBe('unauthorized');
    }
  });
});

describe('auth-context invalidation (a scratch database: roles are written)', () => {
  let scratch: ScratchDatabase;
  let runtime: Runtime;
  let app: App;
  let ids: { user: number; a: number; b: number };

  beforeAll(async () => {
    scratch = await createScratchDatabase(inject('databaseUrl'));
    runtime = await createRuntime(testConfig({ databaseUrl: scratch.url, redisUrl: ownRedisDb('auth-context scratch') }));
    app = createApp(runtime.deps);
    const [a, b] = await runtime.deps.sql<{ id: number }[]>`INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme'), ('globex', 'Globex') RETURNING id`;
    const [user] = await runtime.deps.sql<{ id: number }[]>`INSERT INTO users (email, name) VALUES ('ana@example.com', 'Ana') RETURNING id`;
    ids = { user: user!.id, a: a!.id, b: b!.id };
    await runtime.deps.sql`INSERT INTO memberships (user_id, tenant_id, role) VALUES (${ids.user}, ${ids.a}, 'viewer')`;
  });
  afterAll(async () => {
    await runtime?.close();
    await scratch?.drop();
  });

  const me = async (variant: 'naive' | 'optimized') =>
    requestVariant(app, variant, '/me', { token: await signToken({ userId: ids.user, tenantId: ids.a, role: 'viewer' }, runtime.deps.config.jwtSecret) });

  it('shows a role change, a new membership and a removal at once on both variants', async () => {
    await me('optimized');
    expect((await me('optimized')).headers.get('server-timing')).toContain('cache;desc="hit"');
    await setMembershipRole(runtime.deps, ids.user, ids.a, 'editor');
    for (const variant of ['naive', 'optimized'] as const) expect((await me(variant)).body.role, variant).toBe('editor');

    await setMembershipRole(runtime.deps, ids.user, ids.b, 'admin');
    const expected = [{ tenantId: ids.a, role: 'editor' }, { tenantId: ids.b, role: 'admin' }];
    for (const variant of ['naive', 'optimized'] as const) expect((await me(variant)).body.memberships, variant).toEqual(expected);

    await setMembershipRole(runtime.deps, ids.user, ids.a, null);
    for (const variant of ['naive', 'optimized'] as const) expect((await me(variant)).status, variant).toBe(403);
    await setMembershipRole(runtime.deps, ids.user, ids.a, 'viewer');
  });

  it('serves the cached role until invalidated when the membership row is changed behind its back', async () => {
    await me('optimized');
    await runtime.deps.sql`UPDATE memberships SET role = 'admin' WHERE user_id = ${ids.user} AND tenant_id = ${ids.a}`;
    expect((await me('naive')).body.role).toBe('admin');
    expect((await me('optimized')).body.role).toBe('viewer');
    await setMembershipRole(runtime.deps, ids.user, ids.a, 'admin');
    expect((await me('optimized')).body.role).toBe('admin');
  });
});
