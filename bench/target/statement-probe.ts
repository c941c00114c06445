import type { RequestSpec } from '../../scenarios/types.ts';
import type { StatementReader } from './pg-stat-statements.ts';
import { statementDelta, type StatementDelta } from './statement-deltas.ts';

/** How many requests the probe sends per side, one at a time. */
export const PROBE_REQUESTS = 20;

/** What the probe measured: the statements of exactly `requests` answered requests. */
export interface ProbeResult {
  delta: StatementDelta;
  requests: number;
}

/**
 * The exact statements per request: requests sent one at a time, each answered before the next,
 * between two snapshots. Under load a window also counts the statements of requests cut short at
 * its end (and of answers that came after it), which no answer count matches; here nothing is cut.
 * `send` resolves with the number of requests answered.
 */
export async function probeStatements(reader: StatementReader, send: () => Promise<number>): Promise<ProbeResult> {
  const before = await reader.snapshot();
  const requests = await send();
  return { delta: statementDelta(before, await reader.snapshot()), requests };
}

/** Sends `requests` one after the other to `baseUrl`; resolves with how many got an HTTP answer. */
export async function sendSequentially(baseUrl: string, requests: readonly RequestSpec[]): Promise<number> {
  let answered = 0;
  for (const r of requests) {
    try {
      const res = await fetch(`${baseUrl}${r.path}`, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      answered += 1;
    } catch {
      // no answer: its statements (if any) count, the request does not, as under load
    }
  }
  return answered;
}
