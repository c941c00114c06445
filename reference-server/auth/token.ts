import { webcrypto } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Dev-only default so a fresh clone works; anything facing a network sets PERFLAB_JWT_SECRET. */
export const DEV_JWT_SECRET = 'perflab-dev-secret-change-me';

const claims = z.object({
  sub: z.string().regex(/^\d+$/),
  tid: z.number().int().positive(),
  role: z.enum(ROLES),
  exp: z.number().int(),
});

/** Who is calling: the verified token's user, the tenant every query is scoped to, and the role. */
export interface Principal {
  userId: number;
  tenantId: number;
  role: Role;
}

/** How long a token lives unless told otherwise: a day, far beyond any benchmark session (fixtures re-mint theirs on every seed). */
export const TOKEN_TTL_SECONDS = 24 * 3600;

/** HS256 token for a seeded user. A short life bounds what a leaked or orphaned token (deleted tenant) can do. */
export async function signToken(principal: Principal, secret: string, ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign(
    { sub: String(principal.userId), tid: principal.tenantId, role: principal.role, iat: now, exp: now + ttlSeconds },
    secret,
    'HS256',
  );
}

// Importing the HMAC key is a third of a cached request's CPU: do it once per secret, not per request.
const verifyKeys = new Map<string, Promise<webcrypto.CryptoKey>>();
function verifyKey(secret: string): Promise<webcrypto.CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    verifyKeys.set(secret, key);
  }
  return key;
}

/** Returns null for any token that is malformed, expired, forged or missing a claim. */
export async function verifyToken(token: string, secret: string): Promise<Principal | null> {
  try {
    const parsed = claims.safeParse(await verify(token, await verifyKey(secret), 'HS256'));
    if (!parsed.success) return null;
    return { userId: Number(parsed.data.sub), tenantId: parsed.data.tid, role: parsed.data.role };
  } catch {
    return null;
  }
}
