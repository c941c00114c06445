import type { DriverOutput } from '../drivers/types.ts';

/**
 * A driver's output for a window in which every request succeeded, spread evenly over its
 * seconds: for tests of what the harness does around the driver, not of a driver.
 */
export function allSucceededOutput(requests: number, durationSec: number, overrides: Partial<DriverOutput> = {}): DriverOutput {
  return {
    requests,
    errors: 0,
    non2xx: 0,
    succeeded: requests,
    failed: 0,
    statusClasses: { '2xx': requests, '3xx': 0, '4xx': 0, '5xx': 0, transport: 0 },
    failureRate: requests > 0 ? 0 : null,
    failureHistogram: null,
    throughput: requests / durationSec,
    perSecond: new Array(durationSec).fill(requests / durationSec),
    latencyMs: { p50: 1, p90: 1, p95: 1, p99: 1, p999: 1, max: 1, mean: 1 },
    histogram: null,
    latencyNote: 'test',
    generator: { cpuCores: 0, offeredRate: null, deliveredRate: requests / durationSec, droppedIterations: null, saturated: false, rateHeld: null, vusExhausted: null, reason: null },
    thresholds: [],
    ...overrides,
  };
}
