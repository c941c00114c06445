/** closed: calls pass · open: calls are refused until the cool-off ends · half-open: one probe call decides. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Options of {@link createCircuitBreaker}. */
export interface BreakerOptions {
  /** Consecutive failures that open a closed breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before letting one probe through. */
  coolOffMs: number;
  /** Told once per state change (never per call): the log line of an outage. */
  onStateChange?: (state: BreakerState, reason: string) => void;
  now?: () => number;
}

/** A circuit breaker: stop calling a dependency known to be down, probe it now and then. */
export interface CircuitBreaker {
  readonly state: BreakerState;
  /** May this call go to the dependency? In half-open, true for exactly one probe at a time. */
  allow(): boolean;
  succeed(): void;
  /** A failed call; `trip` opens at once whatever the count (e.g. a lost cache invalidation). */
  fail(reason: string, trip?: boolean): void;
}

/**
 * Counts consecutive failures; an abandoned probe (its caller never reported) is replaced by a
 * new one after another cool-off, so the breaker can never stay half-open for good.
 */
export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probeAt = 0;

  const move = (next: BreakerState, reason: string) => {
    if (state === next) return;
    state = next;
    options.onStateChange?.(next, reason);
  };

  return {
    get state() {
      return state;
    },
    allow() {
      if (state === 'closed') return true;
      const t = now();
      if (state === 'open' && t - openedAt < options.coolOffMs) return false;
      if (state === 'half-open' && t - probeAt < options.coolOffMs) return false;
      // silent: the log says open and closed, a probe is not news
      state = 'half-open';
      probeAt = t;
      return true;
    },
    succeed() {
      failures = 0;
      move('closed', 'a call succeeded');
    },
    fail(reason, trip = false) {
      failures += 1;
      if (state === 'closed' && !trip && failures < options.failureThreshold) return;
      openedAt = now();
      if (state === 'half-open') state = 'open';
      else move('open', reason);
    },
  };
}
