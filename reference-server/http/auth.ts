import { ROLES, verifyToken, type Principal, type Role } from '../auth/token.ts';
import { HttpError } from './errors.ts';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Verifies `Authorization: Bearer <jwt>`; 401 when missing or invalid, 403 below `minRole`. */
export async function authenticate(header: string | undefined, secret: string, minRole: Role): Promise<Principal> {
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  if (!token) throw new HttpError(401, 'unauthorized', 'missing bearer token');
  const principal = await verifyToken(token, secret);
  if (!principal) throw new HttpError(401, 'unauthorized', 'invalid or expired token');
  if (ROLES.indexOf(principal.role) < ROLES.indexOf(minRole)) {
    throw new HttpError(403, 'forbidden', `requires role ${minRole} or higher`);
  }
  return principal;
}
