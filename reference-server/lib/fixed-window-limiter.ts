/** What one limiter check answered. */
export interface LimitDecision {
  allowed: boolean;
}

/**
 * A fixed-window counter in this process's memory, per key: the window opens at the key's first
 * request and admits `limit` requests until it closes. What many single-server APIs ship; its
 * two blind spots are the point of rate-limit: each process counts alone (N instances admit N ×
 * limit), and a burst at the end of one window plus one at the start of the next admits 2 × limit
 * within a moment.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { count: number; closesAt: number }>();
  private nextSweep: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.nextSweep = now() + windowMs;
  }

  hit(key: string): LimitDecision {
    const now = this.now();
    if (now >= this.nextSweep) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now >= window.closesAt) {
      window = { count: 0, closesAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return { allowed: false };
    window.count += 1;
    return { allowed: true };
  }

  /** Keys in memory (closed windows are dropped once per window length). */
  get size(): number {
    return this.windows.size;
  }

  // without it the map keeps every key ever seen
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now >= window.closesAt) this.windows.delete(key);
    this.nextSweep = now + this.windowMs;
  }
}
