import type { ScenarioRun, Variant } from '../results/types.ts';

interface VariantStats {
  requests: number;
  queries: { perRequest: number };
  responseBytes: { perResponse: number };
  cache: { hits: number; misses: number; errors: number; hitRatio: number | null };
}

interface StatsSnapshot {
  cacheBackend: 'redis' | 'in-process';
  comparisons: Record<string, Partial<Record<Variant, VariantStats>>>;
}

/** `POST /__stats/reset` with an admin token: called after warm-up so server figures cover the measured window only. */
export async function resetServerStats(baseUrl: string, adminToken: string): Promise<void> {
  const response = await fetch(`${baseUrl}/__stats/reset`, { method: 'POST', headers: bearer(adminToken) });
  if (!response.ok) throw new Error(`POST /__stats/reset answered ${response.status}`);
}

/** `GET /__stats` with an admin token (the fixtures' first tenant has one: `statsToken`). */
export async function readServerStats(baseUrl: string, adminToken: string): Promise<StatsSnapshot> {
  const response = await fetch(`${baseUrl}/__stats`, { headers: bearer(adminToken) });
  if (!response.ok) throw new Error(`GET /__stats answered ${response.status}`);
  return (await response.json()) as StatsSnapshot;
}

/** The admin token the harness reads server counters with: the first tenant's, from the fixtures. */
export function statsToken(fixtures: { tenants: readonly { tokens: { admin: string } }[] }): string {
  const token = fixtures.tenants[0]?.tokens.admin;
  if (!token) throw new Error('the fixtures have no tenant with an admin token to read /__stats with');
  return token;
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The server's own per-request figures for one comparison variant; nulls when it saw no request. */
export function serverFigures(snapshot: StatsSnapshot, comparison: string, variant: Variant): ScenarioRun['server'] {
  const stats = snapshot.comparisons[comparison]?.[variant];
  if (!stats || stats.requests === 0) return { queriesPerRequest: null, bytesPerResponse: null, cacheHitRatio: null, cacheErrors: null };
  const cacheUsed = stats.cache.hits + stats.cache.misses + stats.cache.errors > 0;
  return {
    queriesPerRequest: stats.queries.perRequest,
    bytesPerResponse: stats.responseBytes.perResponse,
    cacheHitRatio: cacheUsed ? stats.cache.hitRatio : null,
    cacheErrors: cacheUsed ? stats.cache.errors : null,
  };
}
