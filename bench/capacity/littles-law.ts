/** Little's law on one closed-model step: N clients should equal X × R. */
export interface LittleCheck {
  concurrency: number;
  /** X × R: throughput (req/s) × mean latency (s). */
  predicted: number;
  /** |X·R − N| / N. */
  deviation: number;
  /** True when within `LITTLE_TOLERANCE`; false flags a step whose figures disagree (think time, failures, a generator that idled). */
  holds: boolean;
}

export const LITTLE_TOLERANCE = 0.1;

/** Checks N = X·R for a closed-model step (latency in ms). */
export function checkLittle(concurrency: number, throughput: number, meanLatencyMs: number): LittleCheck {
  const predicted = (throughput * meanLatencyMs) / 1000;
  const deviation = Math.abs(predicted - concurrency) / concurrency;
  return { concurrency, predicted, deviation, holds: deviation <= LITTLE_TOLERANCE };
}
