import type { Cache } from '../cache/index.ts';
import type { Sql } from '../db/client.ts';
import { discardPending } from './usage-buffer.ts';
import { flushUsage, type FlushOutcome } from './flush-usage.ts';

/**
 * How often the server flushes write-behind's counts to Postgres: also the bound of what a
 * Redis that loses its data (restart without persistence) loses, one interval of counts.
 */
export const USAGE_FLUSH_INTERVAL_MS = 1_000;

/** The server's flusher: one flush at a time in this process (several processes are safe too, see applyBatch). */
export interface UsageFlusher {
  /** Flushes now, after any flush already running; what the interval and `POST /__usage/flush` call. */
  flush(): Promise<FlushOutcome>;
  /** Waits for a running flush, then drops every count not yet flushed (harness reset). */
  discard(): Promise<void>;
  /** Stops the interval and flushes once more, so a graceful shutdown loses nothing. */
  stop(): Promise<FlushOutcome>;
}

export interface FlusherOptions {
  intervalMs?: number;
  /** Statements each flush sent, for /__stats (deferred work of write-behind's optimized side). */
  onFlush?: (outcome: FlushOutcome) => void;
  log?: (line: string) => void;
}

/** Starts flushing every `intervalMs`; a failing flush is logged once per outage and retried on the next tick. */
export function startUsageFlusher(sql: Sql, cache: Cache, options: FlusherOptions = {}): UsageFlusher {
  const log = options.log ?? ((line: string) => console.error(line));
  let tail: Promise<unknown> = Promise.resolve();
  let failing = false;
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = tail.then(step, step);
    tail = next.catch(() => {});
    return next;
  };
  const flush = () =>
    serial(async () => {
      const outcome = await flushUsage(sql, cache);
      if (outcome.statements > 0) options.onFlush?.(outcome);
      return outcome;
    });
  const timer = setInterval(() => {
    flush().then(
      () => {
        if (failing) log('write-behind: flushing again');
        failing = false;
      },
      (error: unknown) => {
        if (!failing) log(`write-behind: flush failed, counts stay in Redis until the next one (${(error as Error).message})`);
        failing = true;
      },
    );
  }, options.intervalMs ?? USAGE_FLUSH_INTERVAL_MS);
  timer.unref();
  return {
    flush,
    discard: () => serial(() => discardPending(cache)),
    stop: () => {
      clearInterval(timer);
      return flush();
    },
  };
}
