import { seededRandom } from '../../lib/seeded-random.ts';
import type { StepResult } from './step-result.ts';

/** A server of `workers` parallel workers, each taking exactly `serviceMs` per request (capacity workers / service time). */
export interface SimulatedServer {
  workers: number;
  serviceMs: number;
  /** Connections the generator may hold open; a send waits for a free one (latency counts from the intended time). */
  maxConnections: number;
  /** Above this offered rate the simulated generator reports itself saturated (Infinity: never). */
  generatorLimit?: number;
  /** Share of requests answered 5xx (0 by default). */
  errorShare?: number;
}

/**
 * An M/D/c queue simulated event by event (Poisson arrivals from a seeded PRNG, FIFO, fixed
 * service time) for `durationSec` of virtual time: deterministic for a given seed, no clock read.
 * Latency counts from each arrival's intended time, like perflab's open-model scheduler.
 */
export function simulateStep(server: SimulatedServer, rate: number, durationSec: number, seed = 1): StepResult {
  const random = seededRandom(seed + rate);
  const horizonMs = durationSec * 1000;
  const workerFree = new Array<number>(server.workers).fill(0);
  const connectionFree = new Array<number>(server.maxConnections).fill(0);
  const latencies: number[] = [];
  let intendedCount = 0;
  let sent = 0;
  let failed = 0;
  for (let intended = -Math.log(1 - random()) * (1000 / rate); intended < horizonMs; intended += -Math.log(1 - random()) * (1000 / rate)) {
    intendedCount += 1;
    const connection = indexOfMin(connectionFree);
    const sendAt = Math.max(intended, connectionFree[connection]!);
    if (sendAt >= horizonMs) continue;
    sent += 1;
    const worker = indexOfMin(workerFree);
    const finish = Math.max(sendAt, workerFree[worker]!) + server.serviceMs;
    workerFree[worker] = finish;
    connectionFree[connection] = finish;
    if (finish > horizonMs) continue;
    if (random() < (server.errorShare ?? 0)) failed += 1;
    else latencies.push(finish - intended);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const saturated = rate > (server.generatorLimit ?? Infinity);
  return {
    // what the scheduler meant to send: Poisson counts wander around `rate`, and delivery is judged against them
    offeredRate: intendedCount / durationSec,
    deliveredRate: sent / durationSec,
    throughput: latencies.length / durationSec,
    succeeded: latencies.length,
    failed,
    failureRate: latencies.length + failed > 0 ? failed / (latencies.length + failed) : null,
    latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length) },
    droppedIterations: null,
    generatorSaturated: saturated,
    generatorReason: saturated ? 'generator CPU at its limit' : null,
    dbMsPerRequest: server.serviceMs,
  };
}

function indexOfMin(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[best]!) best = i;
  return best;
}
