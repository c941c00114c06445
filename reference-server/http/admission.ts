import type { MiddlewareHandler } from 'hono';
import { performance } from 'node:perf_hooks';
import { HttpError } from './errors.ts';
import { currentMetrics } from './request-metrics.ts';

/** One request asking for a slot: aborting `signal` takes it out of the queue; `deadline` is when it times out (performance.now() clock). */
export interface AdmissionRequest {
  signal?: AbortSignal | undefined;
  deadline?: number | undefined;
}

/** A counting semaphore with a bounded FIFO queue: `null` from acquire means "shed". */
export interface Admission {
  /**
   * Resolves to a release function, or null (shed) when `maxQueued` callers already wait or when
   * the request could not finish before its deadline. Rejects if `signal` aborts while queued.
   */
  acquire(request?: AdmissionRequest): Promise<Release | null>;
  readonly inFlight: number;
  readonly queued: number;
  /** Recent time a slot was held (moving average, ms); null before the first release. */
  readonly serviceMs: number | null;
  /** Requests admitted at once right now: `maxInFlight`, lowered while admitted requests time out. */
  readonly limit: number;
}

/** How a slot was used: `late` when the request timed out holding it. */
export type SlotOutcome = 'done' | 'late';
/** Gives the slot back; say `late` when the request ran out of time while holding it. */
export type Release = (outcome?: SlotOutcome) => void;

/** `timeoutMs`: the request deadline (a slot held under half of it counts as fast); `now`: the clock (tests). */
export interface AdmissionOptions {
  timeoutMs?: number;
  now?: () => number;
}

/** Weight of the latest release in the moving average of slot holding times. */
const SMOOTHING = 0.2;
/** The limit shrinks by this factor for each request that timed out holding a slot. */
const BACKOFF = 0.8;

/**
 * Admits `maxInFlight` at once; up to `maxQueued` more wait their turn in arrival order. A
 * queued request is shed (null) as soon as its remaining time is shorter than the recent
 * service time, and never admitted to time out: under overload a FIFO queue otherwise hands
 * every slot to the request that has waited longest, and so has the least time left, and every
 * admitted request times out (goodput 0). Requests wait rather than being shed on arrival
 * because a shed client (autocannon, most retry loops) comes back at once, and answering that
 * storm takes the CPU the admitted work needs.
 *
 * The number admitted at once adapts (AIMD, as TCP or Netflix's concurrency-limits): each request
 * that times out holding a slot shrinks the limit by {@link BACKOFF}, each that finishes within
 * half its time grows it by one, up to `maxInFlight`. Work that shares a CPU or a pool slows down
 * with the number sharing it: past the number that fits in a deadline, all of them time out
 * together, however many there are; the backoff finds the number that still finishes.
 */
export function createAdmission(maxInFlight: number, maxQueued: number, { timeoutMs = Infinity, now = () => performance.now() }: AdmissionOptions = {}): Admission {
  let inFlight = 0;
  let serviceMs: number | null = null;
  let limit = maxInFlight;
  // each waiter takes the slot offered (true) or is shed because its deadline is too close (false)
  const waiting: Array<(release: Release) => boolean> = [];
  const cannotFinish = (deadline: number | undefined, waitMs: number) => deadline !== undefined && serviceMs !== null && now() + waitMs + serviceMs > deadline;
  // fills the free slots, in arrival order, with waiters that can still use one
  const admitWaiting = () => {
    while (inFlight < Math.floor(limit) && waiting.length > 0) {
      inFlight += 1;
      if (!waiting.shift()!(slot())) inFlight -= 1;
    }
  };
  const slot = (): Release => {
    const admittedAt = now();
    let done = false;
    return (outcome = 'done') => {
      if (done) return;
      done = true;
      const held = now() - admittedAt;
      // a request cut by its deadline says only "longer than that": the limit reacts, not the estimate
      if (outcome === 'late') limit = Math.max(1, limit * BACKOFF);
      else {
        serviceMs = serviceMs === null ? held : serviceMs + SMOOTHING * (held - serviceMs);
        if (held < timeoutMs / 2) limit = Math.min(maxInFlight, limit + 1);
      }
      inFlight -= 1;
      admitWaiting();
    };
  };
  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
    get serviceMs() {
      return serviceMs;
    },
    get limit() {
      return Math.floor(limit);
    },
    async acquire({ signal, deadline } = {}) {
      if (inFlight < Math.floor(limit) && waiting.length === 0) {
        inFlight += 1;
        return slot();
      }
      if (waiting.length >= maxQueued || cannotFinish(deadline, 0)) return null;
      return new Promise((resolve, reject) => {
        let expiry: NodeJS.Timeout | undefined;
        const leaveQueue = () => {
          clearTimeout(expiry);
          signal?.removeEventListener('abort', abandon);
          const at = waiting.indexOf(turn);
          if (at >= 0) waiting.splice(at, 1);
        };
        const turn = (granted: Release) => {
          leaveQueue();
          if (cannotFinish(deadline, 0)) {
            resolve(null);
            return false;
          }
          resolve(granted);
          return true;
        };
        const abandon = () => {
          leaveQueue();
          reject(signal?.reason);
        };
        if (signal?.aborted) return abandon();
        signal?.addEventListener('abort', abandon, { once: true });
        waiting.push(turn);
        // shed the moment it could no longer finish in time, not at its deadline after waiting for nothing
        if (deadline !== undefined && serviceMs !== null) {
          expiry = setTimeout(() => (leaveQueue(), resolve(null)), Math.max(0, deadline - serviceMs - now()));
          expiry.unref?.();
        }
      });
    },
  };
}

/**
 * Admission control: bounded concurrent work per process. Past the limit a request queues;
 * past the queue, or when it could not finish before its deadline anyway, it gets 503 +
 * Retry-After at once, so under overload some requests still finish within their deadline
 * (goodput) instead of every one timing out together. A request that times out while queued
 * leaves the queue and never runs.
 */
export function admissionControl(admission: Admission): MiddlewareHandler {
  return async (_c, next) => {
    const metrics = currentMetrics();
    const release = await admission.acquire({ signal: metrics?.signal, deadline: metrics?.deadline });
    if (!release) throw new HttpError(503, 'overloaded', 'server is at capacity, retry shortly');
    try {
      await next();
    } finally {
      // a client that left says nothing about capacity; running out of time does
      const reason: unknown = metrics?.signal?.aborted ? metrics.signal.reason : undefined;
      release(reason instanceof HttpError && reason.code === 'timeout' ? 'late' : 'done');
    }
  };
}
