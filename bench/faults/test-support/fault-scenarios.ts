import postgres from 'postgres';
import type { FaultStack } from './fault-stack.ts';
import { startLoad, type Sample } from './fault-load.ts';

/** One way to break a dependency for a while and heal it. */
export interface FaultScenario {
  name: string;
  inject(stack: FaultStack): Promise<void>;
  heal(stack: FaultStack): Promise<void>;
}

/** The scenarios: hung and killed Redis, killed Postgres, a hung and a refused link to Postgres. */
export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  { name: 'redis SIGSTOP', inject: async (s) => s.redis.pause(), heal: async (s) => s.redis.resume() },
  { name: 'redis kill + restart', inject: (s) => s.redis.kill(), heal: (s) => s.redis.start() },
  { name: 'postgres kill + restart', inject: (s) => s.postgres.kill(), heal: (s) => s.postgres.start() },
  { name: 'postgres link hangs', inject: (s) => s.pgLink.cut('hang'), heal: (s) => s.pgLink.restore() },
  { name: 'postgres link refused', inject: (s) => s.pgLink.cut('refuse'), heal: (s) => s.pgLink.restore() },
];

/** What one scenario did to the load; the goal: bad5xx 0, lost 0, stale 0, recoveryMs ≤ 2000. */
export interface ScenarioReport {
  scenario: string;
  requests: number;
  byOutcome: Record<string, number>;
  /** 2xx per second over the whole window (before, during and after the fault). */
  goodput: number;
  /** From the fault healed to the last failed request after it (0: none failed after). */
  recoveryMs: number;
  /** 5xx other than 503, and requests that got no HTTP answer at all. */
  bad: number;
  /** Acknowledged writes not in Postgres afterwards. */
  lost: number;
  /** Cached reads after recovery that disagree with Postgres. */
  stale: number;
}

/** Timings of a run: `hold` is how long the fault lasts. */
export interface ScenarioTiming {
  workers: number;
  beforeMs: number;
  holdMs: number;
  afterMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the load, injects the fault, heals it, lets the load run on, then checks the rows. */
export async function runScenario(stack: FaultStack, scenario: FaultScenario, timing: ScenarioTiming): Promise<ScenarioReport> {
  const load = startLoad(stack.api.url, stack.tenant, timing.workers);
  await sleep(timing.beforeMs);
  await scenario.inject(stack);
  await sleep(timing.holdMs);
  await scenario.heal(stack);
  const healedAt = Date.now() - load.startedAt;
  await sleep(timing.afterMs);
  await load.stop();
  const windowMs = Date.now() - load.startedAt;
  const { lost, stale } = await checkRows(stack, load.writers);
  return summarise(scenario.name, load.samples, healedAt, windowMs, lost, stale);
}

/** Pure: the report of one scenario's samples. */
export function summarise(scenario: string, samples: Sample[], healedAt: number, windowMs: number, lost: number, stale: number): ScenarioReport {
  const byOutcome: Record<string, number> = {};
  for (const s of samples) byOutcome[String(s.outcome)] = (byOutcome[String(s.outcome)] ?? 0) + 1;
  const ok = (o: Sample['outcome']) => typeof o === 'number' && o < 400;
  const lastFailure = Math.max(healedAt, ...samples.filter((s) => !ok(s.outcome) && s.at >= healedAt).map((s) => s.at));
  const bad = samples.filter((s) => typeof s.outcome !== 'number' || (s.outcome >= 500 && s.outcome !== 503)).length;
  return {
    scenario,
    requests: samples.length,
    byOutcome,
    goodput: Math.round((samples.filter((s) => ok(s.outcome)).length / windowMs) * 1000),
    recoveryMs: lastFailure - healedAt,
    bad,
    lost,
    stale,
  };
}

async function checkRows(stack: FaultStack, writers: { productId: number; lastAcked: number | null }[]): Promise<{ lost: number; stale: number }> {
  const sql = postgres(stack.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    let lost = 0;
    let stale = 0;
    for (const w of writers) {
      const [row] = await sql<{ stock: number }[]>`SELECT stock FROM products WHERE id = ${w.productId}`;
      if (w.lastAcked !== null && (row?.stock ?? -1) < w.lastAcked) lost += 1;
      const res = await fetch(`${stack.api.url}/optimized/products/${w.productId}`, { headers: { authorization: `Bearer ${stack.tenant.tokens.viewer}` } });
      const body = (await res.json()) as { product?: { stock: number } };
      if (body.product?.stock !== row?.stock) stale += 1;
    }
    return { lost, stale };
  } finally {
    await sql.end();
  }
}

/** The reports as a Markdown table (for README and the run log). */
export function faultTable(reports: ScenarioReport[]): string {
  const rows = reports.map((r) => {
    const outcomes = Object.entries(r.byOutcome)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    return `| ${r.scenario} | ${r.requests} | ${outcomes} | ${r.goodput} | ${r.recoveryMs} | ${r.bad} | ${r.lost} | ${r.stale} |`;
  });
  return ['| scenario | requests | outcomes | goodput (2xx/s) | recovery (ms) | 5xx≠503 + no answer | lost writes | stale reads |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}
