import type { TenantFixtures } from '../../../seed/fixtures-schema.ts';

/** One finished request: when (ms since the load started), what, and how it ended ('ECONN…' when no HTTP answer). */
export interface Sample {
  at: number;
  route: 'cached-read' | 'db-read' | 'write';
  outcome: number | string;
}

/** A writer's own product and the stock values it set: acknowledged (200) ones rise strictly. */
export interface WriterLog {
  productId: number;
  lastAcked: number | null;
}

/** A running closed-model load; `stop()` waits for every worker's last request. */
export interface Load {
  samples: Sample[];
  writers: WriterLog[];
  startedAt: number;
  stop(): Promise<void>;
}

/**
 * `workers` loops, each cycling: a cached read (optimized product detail), a database read
 * (naive orders page), and a PATCH of the worker's own product's stock to an ever larger
 * value, so lost writes and stale reads can be checked against Postgres afterwards.
 * Bounded: each request times out after 5 s, and only 127.0.0.1 is targeted.
 */
export function startLoad(baseUrl: string, tenant: TenantFixtures, workers: number): Load {
  const startedAt = Date.now();
  const samples: Sample[] = [];
  const writers: WriterLog[] = Array.from({ length: workers }, (_, i) => ({ productId: tenant.hotProductIds[i]!, lastAcked: null }));
  let running = true;
  let nextStock = 10_000;
  const viewer = { authorization: `Bearer ${tenant.tokens.viewer}` };
  const editor = { authorization: `Bearer ${tenant.tokens.editor}`, 'content-type': 'application/json' };

  const send = async (route: Sample['route'], url: string, init: RequestInit): Promise<number | string> => {
    let outcome: number | string;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      outcome = res.status;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      outcome = cause?.code ?? (error as Error).name;
    }
    samples.push({ at: Date.now() - startedAt, route, outcome });
    return outcome;
  };

  const worker = async (i: number) => {
    const writer = writers[i]!;
    const hot = tenant.hotProductIds;
    for (let n = 0; running; n += 1) {
      await send('cached-read', `${baseUrl}/optimized/products/${hot[n % hot.length]}`, { headers: viewer });
      await send('db-read', `${baseUrl}/naive/orders?limit=5`, { headers: viewer });
      const stock = (nextStock += 1);
      const outcome = await send('write', `${baseUrl}/optimized/products/${writer.productId}`, { method: 'PATCH', headers: editor, body: JSON.stringify({ stock }) });
      if (outcome === 200) writer.lastAcked = stock;
    }
  };
  const all = Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  return {
    samples,
    writers,
    startedAt,
    stop: async () => {
      running = false;
      await all;
    },
  };
}
