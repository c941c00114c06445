import type { Variant } from '../../scenarios/types.ts';
import { EXCLUDED } from './pg-stat-statements.ts';
import type { StatementDelta } from './statement-deltas.ts';
import { PROBE_REQUESTS } from './statement-probe.ts';

/** Statements counted over some answered requests: a probe, or one measured window. */
export interface CountedStatements {
  delta: StatementDelta;
  requests: number;
}

/** Per side: its probe, and each measured window's delta. */
export interface SideStatements {
  probes: ReadonlyMap<Variant, CountedStatements>;
  windows: ReadonlyMap<Variant, readonly CountedStatements[]>;
}

const TOP = 3;
const QUERY_CHARS = 160;

/**
 * Pure: the report's sentences about statements per request: the exact figure per side (its
 * probe), the windows' figure under load, what is counted and what is left out, and each side's
 * top statements by calls per request, where one statement run several times per request is the
 * N+1 signature.
 */
export function statementNotices(statements: SideStatements, names: ReadonlyMap<Variant, string>): string[] {
  if (statements.probes.size === 0) return [];
  const name = (variant: Variant) => names.get(variant) ?? variant;
  const figure = (counted: readonly CountedStatements[]) => {
    const { perRequest } = folded(counted);
    return perRequest === null ? '– (no answers)' : perRequest.toFixed(2);
  };
  const exact = [...statements.probes].map(([variant, probe]) => `${name(variant)} ${figure([probe])}`).join(', ');
  const underLoad = [...statements.windows].map(([variant, windows]) => `${name(variant)} ${figure(windows)}`).join(', ');
  const notices = [
    `Statements per request (queries/req) from pg_stat_statements deltas: ${PROBE_REQUESTS} requests of each side sent one at a time after its warm-up, between two snapshots: ${exact}. The measured windows' own deltas per answered request, under load: ${underLoad} (higher: they also count the statements of requests cut short at a window's end, which no answer counts). Left out: ${EXCLUDED}. Counted: every other statement that database finished meanwhile, from any client, so use a database only your API uses.`,
  ];
  for (const [variant, probe] of statements.probes) {
    const { top } = folded([probe]);
    if (top.length === 0) continue;
    const listed = top.map((s) => `${s.perRequest.toFixed(2)}× ${oneLine(s.query)}`).join('; ');
    const repeated = top[0] && top[0].perRequest >= 2 ? ' — one statement run many times per request is the N+1 signature' : '';
    notices.push(`Top statements per request, ${name(variant)}: ${listed}${repeated}.`);
  }
  const all = [...statements.probes.values(), ...[...statements.windows.values()].flat()];
  if (all.some((c) => c.delta.reset)) notices.push('pg_stat_statements was reset or evicted entries during a count: those counts are lower bounds (raise pg_stat_statements.max, do not reset it during a run).');
  return notices;
}

/** Calls per query text summed over `counted`, per answered request; top entries first. */
function folded(counted: readonly CountedStatements[]): { perRequest: number | null; top: { query: string; perRequest: number }[] } {
  const requests = counted.reduce((n, c) => n + c.requests, 0);
  if (requests === 0) return { perRequest: null, top: [] };
  const calls = new Map<string, number>();
  for (const { delta } of counted) for (const s of delta.top) calls.set(s.query, (calls.get(s.query) ?? 0) + s.calls);
  const total = [...calls.values()].reduce((n, c) => n + c, 0);
  const top = [...calls.entries()]
    .map(([query, c]) => ({ query, perRequest: c / requests }))
    .sort((a, b) => b.perRequest - a.perRequest || a.query.localeCompare(b.query))
    .slice(0, TOP);
  return { perRequest: total / requests, top };
}

function oneLine(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > QUERY_CHARS ? `${flat.slice(0, QUERY_CHARS - 1)}…` : flat;
}
