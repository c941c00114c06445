import type { ImportWindow as ServerImportWindow } from '../../reference-server/state/import-window.ts';
import type { ScenarioRun } from '../results/types.ts';

/** How the orchestrator may treat the target's state. */
export interface StateControl {
  /** The harness started the API over its own data set: it restores it between runs. */
  restore: boolean;
  /** The API's cache is the harness's own (a Redis it started, or in-process): it empties it between runs. */
  flushCache: boolean;
  /** The seeded checksum of the tables the API writes (fixtures fingerprint); null for sets loaded before it existed. */
  seededChecksum: string | null;
  /** The admin token the harness routes need. */
  token: string;
}

/** The admin token the harness routes need: the fixtures' first tenant's. */
/** The admin token the harness routes (`/__stats`, `/__reset`) take: one definition, in server-stats.ts. */
export { statsToken as harnessToken } from './server-stats.ts';

/** Longest wait for import jobs to finish, seconds: a measured window queues more the longer it lasts. */
export function drainBoundSec(durationSec: number): number {
  return Math.max(30, 5 * durationSec);
}

/** What `GET /__imports` answers: the server's import window, plus requests still running besides the one asking. */
export type ImportWindow = ServerImportWindow & { requestsInFlight?: number };

/**
 * `POST /__reset`: the target undoes the write comparisons' rows (and empties its cache when
 * `flush`), then answers the checksum of the state the next window starts from. While import jobs
 * are queued (409) it drains them first, within `drainBound` seconds: no drain is paid when no job
 * was enqueued. Throws when the state is not the seeded one: a run measured on other data would
 * not compare with the others.
 */
export async function resetState(baseUrl: string, control: StateControl, flush: boolean, what: string, drainBound = 30): Promise<string> {
  const reset = () => fetch(`${baseUrl}/__reset`, { method: 'POST', headers: headers(control.token), body: JSON.stringify({ flushCache: flush }) });
  let response = await reset();
  // 409: import jobs queued or requests still running; only then is the queue worth draining
  if (response.status === 409) {
    await response.body?.cancel();
    await drainImports(baseUrl, control.token, drainBound, what);
    response = await reset();
  }
  if (!response.ok) throw new Error(`${what}: POST /__reset answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  const { checksum } = (await response.json()) as { checksum: string };
  if (control.seededChecksum !== null && checksum !== control.seededChecksum) {
    throw new Error(`${what}: the data set differs from its seeded state after the restore (written tables ${checksum}, seeded ${control.seededChecksum}); reload it with \`perflab seed --force\``);
  }
  return checksum;
}

/** The target shed `GET /__imports` with 503: still busy with the window's requests, worth asking again. */
export class TargetBusyError extends Error {}

/** `GET /__imports`; null when the target has no such route (not the reference API). */
export async function readImportWindow(baseUrl: string, token: string): Promise<ImportWindow | null> {
  const response = await fetch(`${baseUrl}/__imports`, { headers: headers(token) });
  if (response.status === 404) return null;
  if (response.status === 503) {
    await response.body?.cancel();
    throw new TargetBusyError('GET /__imports answered 503: the target is still busy');
  }
  if (!response.ok) throw new Error(`GET /__imports answered ${response.status}`);
  return (await response.json()) as ImportWindow;
}

/**
 * Waits until no import job is queued or running and no other request still runs (a generator
 * stops sending, not the server working), polling every 50 ms (a 503 is polled again, within the bound); resolves with the seconds
 * waited, or throws "<comparison>: N jobs still queued after B s" past the bound.
 */
export async function drainImports(baseUrl: string, token: string, boundSec: number, comparison: string): Promise<{ waitedSec: number; window: ImportWindow | null }> {
  const started = performance.now();
  for (;;) {
    let window: ImportWindow | null;
    try {
      window = await readImportWindow(baseUrl, token);
    } catch (error) {
      if (!(error instanceof TargetBusyError)) throw error;
      // shed by a target still working off the window's requests (slow ones hold every slot): ask again within the bound
      if ((performance.now() - started) / 1000 >= boundSec) throw new Error(`${comparison}: GET /__imports still answered 503 (overloaded) after ${boundSec} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const waitedSec = (performance.now() - started) / 1000;
    const running = window?.requestsInFlight ?? 0;
    if (!window || (window.pendingJobs === 0 && running === 0)) return { waitedSec, window };
    if (waitedSec >= boundSec) {
      throw new Error(window.pendingJobs > 0 ? `${comparison}: ${window.pendingJobs} jobs still queued after ${boundSec} s` : `${comparison}: ${running} requests still running after ${boundSec} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * bulk-import's figures: rows durably imported per second from the window's first write (a job
 * recorded or a row committed) to its last row committed — naive rows are durable at their 201,
 * optimized ones when the worker commits them — and the worker's statements per request.
 * `deferredQueries`: the server's own count when /__stats gives one, else the jobs table's.
 */
export function importFigures(window: ImportWindow, requests: number, requestsPerSec: number, drainSec: number, deferredQueries: number | null): NonNullable<ScenarioRun['imports']> {
  const spanSec = window.firstAt && window.lastAt ? Math.max(0.001, (Date.parse(window.lastAt) - Date.parse(window.firstAt)) / 1000) : null;
  const deferred = deferredQueries ?? window.workerStatements;
  return {
    rowsImported: window.rows,
    rowsPerSec: spanSec === null ? 0 : round(window.rows / spanSec),
    importSec: spanSec === null ? 0 : round(spanSec),
    drainSec: round(drainSec),
    requestsPerSec,
    jobs: window.jobs,
    deferredQueriesPerRequest: requests > 0 ? round(deferred / requests) : null,
    deferredQueriesSource: deferredQueries === null ? 'jobs table' : '/__stats',
  };
}

/** The per-variant `deferredQueries` the server may report in /__stats: a number (total) or `{ total }` / `{ perRequest }`. */
export function deferredFromStats(variantStats: unknown, requests: number): number | null {
  const value = (variantStats as { deferredQueries?: unknown } | undefined)?.deferredQueries;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value && typeof value === 'object') {
    const { total, perRequest } = value as { total?: unknown; perRequest?: unknown };
    if (typeof total === 'number') return total;
    if (typeof perRequest === 'number') return perRequest * requests;
  }
  return null;
}

function headers(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
