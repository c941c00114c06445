import postgres from 'postgres';
import { resetServerStats } from '../run/server-stats.ts';
import type { Variant } from '../../lib/variant.ts';
import type { ServerDbTime } from './step-runner.ts';

/** Database time per request of one comparison variant from the reference API's `/__stats` (Server-Timing db totals). */
export function referenceServerDbTime(baseUrl: string, adminToken: string, comparison: string, variant: Variant): ServerDbTime {
  return {
    reset: () => resetServerStats(baseUrl, adminToken),
    async read() {
      const response = await fetch(`${baseUrl}/__stats`, { headers: { authorization: `Bearer ${adminToken}` } });
      if (!response.ok) return null;
      const body = (await response.json()) as { comparisons?: Record<string, Partial<Record<Variant, { requests?: number; dbMs?: { perRequest?: number } }>>> };
      const stats = body.comparisons?.[comparison]?.[variant];
      return stats?.requests && typeof stats.dbMs?.perRequest === 'number' ? stats.dbMs.perRequest : null;
    },
  };
}

/** Postgres `SHOW max_connections`; null when it cannot be read (the report then says unknown). */
export async function readMaxConnections(databaseUrl: string): Promise<number | null> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ max_connections: string }[]>`SHOW max_connections`;
    return row ? Number(row.max_connections) : null;
  } catch {
    return null;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
