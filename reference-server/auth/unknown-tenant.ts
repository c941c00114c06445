import { HttpError } from '../http/errors.ts';

// drizzle-kit names every tenant foreign key <table>_tenant_id_tenants_id_fk
const TENANT_FOREIGN_KEY = /_tenant_id_tenants_id_fk$/;

/** True for a foreign-key violation on a `tenant_id` column: the row names a tenant that does not exist. */
export function isUnknownTenantError(error: unknown): boolean {
  for (let e = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name: constraint } = e as { code?: unknown; constraint_name?: unknown };
    if (code === '23503' && typeof constraint === 'string' && TENANT_FOREIGN_KEY.test(constraint)) return true;
    if (e === (e as { cause?: unknown }).cause) break;
  }
  return false;
}

/**
 * Runs a write scoped to the caller's tenant; a token whose tenant was deleted (its signature
 * still valid) is answered 403 `unknown_tenant` instead of a 500 from the foreign key. Checking
 * at the write, not on every request, keeps the read paths' query counts what they measure.
 */
export async function refuseUnknownTenant<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUnknownTenantError(error)) throw new HttpError(403, 'unknown_tenant', 'the token’s tenant does not exist');
    throw error;
  }
}
