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

/** `POST /__stats/reset`: called after warm-up so server figures cover the measured window only. */
export async function resetServerStats(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/__stats/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /__stats/reset answered ${response.status}`);
}

export async function readServerStats(baseUrl: string): Promise<StatsSnapshot> {
  const response = await fetch(`${baseUrl}/__stats`);
  if (!response.ok) throw new Error(`GET /__stats answered ${response.status}`);
  return (await response.json()) as StatsSnapshot;
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
