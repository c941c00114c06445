import type { Variant } from '../../scenarios/types.ts';
import { EXCLUDED } from './pg-stat-statements.ts';
import type { StatementDelta } from './statement-deltas.ts';

/** The windows of one side: what each ran and how many requests it answered. */
export type SideStatements = ReadonlyMap<Variant, readonly { delta: StatementDelta; requests: number }[]>;

const TOP = 3;
const QUERY_CHARS = 100;

/**
 * Pure: the report's sentences about statements per request: the figure per side (all repeats),
 * what is counted and what is left out, and each side's top statements by calls per request,
 * where a statement run several times per request is the N+1 signature.
 */
export function statementNotices(statements: SideStatements, names: ReadonlyMap<Variant, string>): string[] {
  if (statements.size === 0) return [];
  const sides = [...statements.entries()].map(([variant, windows]) => ({ name: names.get(variant) ?? variant, ...sideFigures(windows) }));
  const figures = sides.map((s) => `${s.name} ${s.perRequest === null ? '– (no answers)' : s.perRequest.toFixed(2)}`).join(', ');
  const notices = [
    `Statements per request from pg_stat_statements deltas around each measured window (calls summed over every entry of that database, divided by the requests answered, any status; all repeats): ${figures}. Left out: ${EXCLUDED}. Counted: every other statement that database finished in the window, from any client, so run it on a database only your API uses.`,
  ];
  for (const side of sides) {
    if (side.top.length === 0) continue;
    const listed = side.top.map((s) => `${s.perRequest.toFixed(2)}× ${oneLine(s.query)}`).join('; ');
    const repeated = side.top[0] && side.top[0].perRequest >= 2 ? ' — one statement run many times per request is the N+1 signature' : '';
    notices.push(`Top statements per request, ${side.name}: ${listed}${repeated}.`);
  }
  if ([...statements.values()].some((windows) => windows.some((w) => w.delta.reset))) {
    notices.push('pg_stat_statements was reset or evicted entries during a window: those counts are lower bounds (raise pg_stat_statements.max, do not reset during a run).');
  }
  return notices;
}

function sideFigures(windows: readonly { delta: StatementDelta; requests: number }[]): { perRequest: number | null; top: { query: string; perRequest: number }[] } {
  const requests = windows.reduce((n, w) => n + w.requests, 0);
  const calls = new Map<string, number>();
  for (const { delta } of windows) for (const s of delta.top) calls.set(s.query, (calls.get(s.query) ?? 0) + s.calls);
  const total = [...calls.values()].reduce((n, c) => n + c, 0);
  if (requests === 0) return { perRequest: null, top: [] };
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
