/** One pg_stat_statements entry (per role and normalized statement) at one moment. */
export interface StatementCount {
  key: string;
  query: string;
  calls: number;
}

/** What a measured window ran, from two pg_stat_statements snapshots. */
export interface StatementDelta {
  /** Statements the database finished during the window, all entries summed. */
  totalCalls: number;
  /** Entries that ran in the window, most calls first. */
  top: { query: string; calls: number }[];
  /** True when an entry's count went down (pg_stat_statements was reset or evicted it): its after-count was taken whole. */
  reset: boolean;
}

/**
 * Pure: calls per entry between two snapshots. An entry counting fewer calls after than before
 * was reset or evicted and re-created during the window: its count after is what the window ran
 * (a lower bound), and `reset` says so.
 */
export function statementDelta(before: readonly StatementCount[], after: readonly StatementCount[]): StatementDelta {
  const previous = new Map(before.map((s) => [s.key, s.calls]));
  let reset = false;
  const ran: { query: string; calls: number }[] = [];
  for (const entry of after) {
    const earlier = previous.get(entry.key) ?? 0;
    const calls = entry.calls >= earlier ? entry.calls - earlier : ((reset = true), entry.calls);
    if (calls > 0) ran.push({ query: entry.query, calls });
  }
  ran.sort((a, b) => b.calls - a.calls || a.query.localeCompare(b.query));
  return { totalCalls: ran.reduce((sum, s) => sum + s.calls, 0), top: ran, reset };
}

/** Statements per answered request (null when nothing was answered), to two decimals. */
export function perRequest(calls: number, requests: number): number | null {
  return requests > 0 ? Math.round((calls / requests) * 100) / 100 : null;
}
