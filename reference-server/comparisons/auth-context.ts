import { eq } from 'drizzle-orm';
import type { Sql } from 'postgres';
import { z } from 'zod';
import type { Role } from '../auth/token.ts';
import type { Cache } from '../cache/types.ts';
import { memberships, tenants, users } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { incrVersion, readVersion } from '../cache/versioned-keys.ts';
import { defineComparison, type Ctx, type Reply } from './types.ts';

/** `GET /me`: no parameters; the token says who. */
export const input = z.object({}).transform(() => ({}));

export type Input = z.infer<typeof input>;

/** Who the caller is in the token's tenant; `role` comes from the database, not the token. */
export interface SessionContext {
  user: { id: number; email: string; name: string };
  tenant: { id: number; slug: string; name: string } | null;
  role: Role | null;
  memberships: { tenantId: number; role: Role }[];
}

/** 3 queries every request: user, memberships, tenant. */
export async function naive({ db, principal }: Ctx, _input: Input): Promise<Reply> {
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, principal.userId));
  if (!user) return { body: member(null) };
  const list = await db
    .select({ tenantId: memberships.tenantId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(memberships.tenantId);
  const [tenant] = await db.select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, principal.tenantId));
  const role = list.find((m) => m.tenantId === principal.tenantId)?.role ?? null;
  return { body: member({ user, tenant: tenant ?? null, role, memberships: list }) };
}

/** Hit: 0 queries (2 cache GETs: the user's session version, the entry). Miss: 1 prepared query. */
export async function optimized({ sql, cache, config, principal }: Ctx, _input: Input): Promise<Reply> {
  const { userId, tenantId } = principal;
  const version = await readVersion(cache, sessionVersionKey(userId));
  const load = () => loadContext(sql, userId, tenantId);
  if (version === null) return { body: member(await load()) };
  const { value } = await cache.getOrLoad(`session:${userId}:${tenantId}:v${version}`, config.cacheTtlSec, load);
  return { body: member(value) };
}

export default defineComparison<Input>('auth-context', { input, naive, optimized });

/** One key per user: every tenant's cached context of that user embeds its value. */
export const sessionVersionKey = (userId: number) => `session-v:${userId}`;

/**
 * Makes every cached session context of the user stale in one INCR. Call it after any change to
 * the user or their memberships: each context lists all memberships, so one change touches the
 * contexts of every tenant. Versioning, unlike DEL, cannot lose to a reader that loaded the old
 * row just before the write and stores it just after.
 */
export function invalidateSessionContext(cache: Cache, userId: number): Promise<void> {
  return incrVersion(cache, sessionVersionKey(userId));
}

/** Sets (or with `null` removes) a user's role in a tenant and invalidates their cached contexts. */
export async function setMembershipRole(deps: { sql: Sql; cache: Cache }, userId: number, tenantId: number, role: Role | null): Promise<void> {
  if (role === null) await deps.sql`DELETE FROM memberships WHERE user_id = ${userId} AND tenant_id = ${tenantId}`;
  else await deps.sql`
    INSERT INTO memberships (user_id, tenant_id, role) VALUES (${userId}, ${tenantId}, ${role})
    ON CONFLICT (user_id, tenant_id) DO UPDATE SET role = excluded.role`;
  await invalidateSessionContext(deps.cache, userId);
}

/** The context, or 401 for a token whose user is gone, 403 for one who is not (or no longer) a member of its tenant. */
function member(context: SessionContext | null): SessionContext {
  if (!context) throw new HttpError(401, 'unauthorized', 'the token’s user no longer exists');
  if (!context.role || !context.tenant) throw new HttpError(403, 'forbidden', 'not a member of this tenant');
  return context;
}

/** 1 prepared query: user, tenant, role there, and every membership, as one JSON value in the naive key order. */
async function loadContext(sql: Sql, userId: number, tenantId: number): Promise<SessionContext | null> {
  const [row] = await sql<{ context: SessionContext }[]>`
    SELECT json_build_object(
      'user', json_build_object('id', u.id, 'email', u.email, 'name', u.name),
      'tenant', (SELECT json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) FROM tenants t WHERE t.id = ${tenantId}),
      'role', (SELECT m.role FROM memberships m WHERE m.user_id = u.id AND m.tenant_id = ${tenantId}),
      'memberships', coalesce((
        SELECT json_agg(json_build_object('tenantId', m.tenant_id, 'role', m.role) ORDER BY m.tenant_id)
        FROM memberships m WHERE m.user_id = u.id), '[]')
    ) AS context
    FROM users u WHERE u.id = ${userId}`;
  return row?.context ?? null;
}
