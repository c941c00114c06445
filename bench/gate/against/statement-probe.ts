import { catalogEntry } from '../../../scenarios/catalog.ts';
import { expandRequests, fillUnique, UNIQUE_PLACEHOLDER } from '../../../scenarios/expand.ts';
import type { Fixtures, RequestSpec, Variant } from '../../../scenarios/types.ts';
import { createHash } from 'node:crypto';
import { deferredFromStats, drainImports, resetState, type StateControl } from '../../run/run-state.ts';
import { readServerStats, resetServerStats } from '../../run/server-stats.ts';
import type { Sides } from './sides.ts';

/** What one request got back: its status, the X-Query-Count it carried (null when absent), and the sha256 of a read's body. */
export interface ProbeAnswer {
  status: number;
  queries: number | null;
  /** Hex sha256 of the response body of a GET; null for writes (their bodies carry generated ids). */
  body: string | null;
}

/** The same requests of one comparison × variant sent to both builds, answers in request order. */
export interface ProbeSample {
  comparison: string;
  variant: Variant;
  /** Each request's method and path without its /naive or /optimized prefix, and its body: which naive and optimized requests match. */
  requests: string[];
  base: ProbeAnswer[];
  candidate: ProbeAnswer[];
  /** Statements the background jobs of the counted requests ran (`/__stats` deferredQueries), per build; null when not reported. */
  deferred: { base: number | null; candidate: number | null };
}

export interface ProbeOptions {
  comparisons: readonly string[];
  /** Requests per comparison × variant (the same list to both builds). */
  requests: number;
  seed: number;
  fixtures: Fixtures;
  /** Each build's state control: the base may run on a database of its own. */
  controls: Sides<StateControl>;
  say: (line: string) => void;
}

/**
 * Statements per request with no load: for each comparison × variant, one seeded list of
 * requests sent one at a time to the base, then the same list to the candidate, each from the
 * seeded state with an empty cache (`POST /__reset`): once to warm connections and cache, then
 * once counted. Same requests, same state, one at a time:
 * an unchanged build answers with the very same X-Query-Count, so no tolerance is needed.
 */
export async function probeStatements(urls: Sides<string>, options: ProbeOptions): Promise<ProbeSample[]> {
  const samples: ProbeSample[] = [];
  let unique = 0;
  for (const comparison of options.comparisons) {
    const entry = catalogEntry(comparison);
    for (const variant of ['naive', 'optimized'] as const) {
      const specs = expandRequests(entry, variant, options.fixtures, { count: options.requests, seed: options.seed });
      const pass = async (url: string, control: StateControl): Promise<ProbeAnswer[]> => {
        const answers: ProbeAnswer[] = [];
        for (const [index, spec] of specs.entries()) {
          // a read's key (a rate-limit bucket) is the same for both variants and builds, so their answers compare; a write's never repeats
          answers.push(await sendOne(url, spec, spec.method === 'GET' ? `g${process.pid}r${index}` : `g${process.pid}p${++unique}`));
          // background work (an import job) done before the next request: otherwise it may hold a pooled
          // connection then, the request opens a new one and counts its type lookup (+1, by timing)
          await drainImports(url, control.token, 60, comparison);
        }
        return answers;
      };
      // a first pass from the seeded state, not counted: it warms the connections (their first statements depend on what
      // the process ran before) and fills the cache, so the counted pass sees cache hits as a user's repeat reads do
      const send = async (side: 'base' | 'candidate') => {
        const control = options.controls[side];
        await resetState(urls[side], control, control.flushCache, `gate probe ${comparison}`);
        await pass(urls[side], control);
        await resetServerStats(urls[side], control.token);
        const answers = await pass(urls[side], control);
        return { answers, deferred: await settledDeferred(urls[side], control.token, comparison, variant, answers.length) };
      };
      const [base, candidate] = [await send('base'), await send('candidate')];
      const requests = specs.map((spec) => `${spec.method} ${spec.path.replace(/^\/(naive|optimized)(?=\/)/, '')} ${spec.body ?? ''}`);
      samples.push({ comparison, variant, requests, base: base.answers, candidate: candidate.answers, deferred: { base: base.deferred, candidate: candidate.deferred } });
    }
    options.say(`probe: ${comparison} (${options.requests} requests × 2 variants × 2 builds)`);
  }
  return samples;
}

/**
 * The deferred statements `/__stats` reports once they stop changing: a job is done in the jobs
 * table (so the drain ends) a moment before its worker adds its statements to the counters.
 */
async function settledDeferred(url: string, token: string, comparison: string, variant: Variant, requests: number): Promise<number | null> {
  const read = async () => deferredFromStats((await readServerStats(url, token)).comparisons[comparison]?.[variant], requests);
  let last = await read();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await read();
    if (next === last) return next;
    last = next;
  }
  return last;
}

async function sendOne(baseUrl: string, listed: RequestSpec, unique: string): Promise<ProbeAnswer> {
  const spec = fillUnique(listed, unique);
  const response = await fetch(`${baseUrl}${spec.path}`, { method: spec.method, headers: spec.headers, ...(spec.body !== undefined ? { body: spec.body } : {}), signal: AbortSignal.timeout(60_000) });
  const bytes = Buffer.from(await response.arrayBuffer());
  const header = response.headers.get('x-query-count');
  const body = spec.method === 'GET' ? createHash('sha256').update(bytes).digest('hex') : null;
  return { status: response.status, queries: header === null || header === '' ? null : Number(header), body };
}

export { UNIQUE_PLACEHOLDER };
