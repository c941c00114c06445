import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';
import { currentMetrics } from './request-metrics.ts';

/** A counting semaphore with a bounded FIFO queue: `null` from acquire means "shed". */
export interface Admission {
  /** Resolves to a release function, or null when `maxQueued` callers already wait. Rejects if `signal` aborts while queued. */
  acquire(signal?: AbortSignal): Promise<(() => void) | null>;
  readonly inFlight: number;
  readonly queued: number;
}

/** Admits `maxInFlight` at once; up to `maxQueued` more wait their turn in arrival order. */
export function createAdmission(maxInFlight: number, maxQueued: number): Admission {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  };
  const once = () => {
    let done = false;
    return () => {
      if (!done) (done = true), release();
    };
  };
  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
    async acquire(signal) {
      if (inFlight < maxInFlight) {
        inFlight += 1;
        return once();
      }
      if (waiting.length >= maxQueued) return null;
      return new Promise((resolve, reject) => {
        // the slot passes straight from the releaser to this waiter: inFlight stays the same
        const admit = () => {
          signal?.removeEventListener('abort', leave);
          resolve(once());
        };
        const leave = () => {
          const at = waiting.indexOf(admit);
          if (at >= 0) waiting.splice(at, 1);
          reject(signal?.reason);
        };
        if (signal?.aborted) return leave();
        signal?.addEventListener('abort', leave, { once: true });
        waiting.push(admit);
      });
    },
  };
}

/**
 * Admission control: bounded concurrent work per process. Past the limit a request queues;
 * past the queue it gets 503 + Retry-After at once, so under overload some requests still
 * finish within their deadline (goodput) instead of every one timing out together.
 * A request that times out while queued leaves the queue and never runs.
 */
export function admissionControl(admission: Admission): MiddlewareHandler {
  return async (_c, next) => {
    const release = await admission.acquire(currentMetrics()?.signal);
    if (!release) throw new HttpError(503, 'overloaded', 'server is at capacity, retry shortly');
    try {
      await next();
    } finally {
      release();
    }
  };
}
