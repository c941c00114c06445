import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { OutcomeTally } from './outcome-tally.ts';
import { basePath, createRequestCycle, type CycledRequest } from './request-cycle.ts';
import { assessSaturation } from './saturation.ts';
import type { AutocannonInput } from './autocannon-protocol.ts';
import type { DriverOutput, TickEvent } from './types.ts';

type OpenInput = AutocannonInput & { model: { type: 'open' } };

/**
 * perflab's open-model scheduler (wrk2's method) over an undici Pool: request i is due at
 * start + i/rate, evenly spaced (not Poisson); at most `maxConnections` are in flight, and a due
 * request that finds every connection busy waits in this queue. Latency runs from the INTENDED
 * send time to the end of the answer, so the wait is in it and no coordinated-omission correction
 * is needed. Requests still unsent when the window ends are counted as dropped (k6's
 * dropped_iterations); those in flight are awaited (at most the timeout) and counted.
 */
export async function measureOpen(input: OpenInput, onTick: (tick: TickEvent) => void): Promise<DriverOutput> {
  const { rate, maxConnections } = input.model;
  const { durationSec } = input;
  const timeoutMs = (input.timeoutSec ?? 10) * 1000;
  const intervalMs = 1000 / rate;
  const scheduled = Math.floor(rate * durationSec);
  const next = createRequestCycle(input.requests, basePath(input.baseUrl));
  const pool = new Pool(new URL(input.baseUrl).origin, { connections: maxConnections, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const tally = new OutcomeTally(durationSec);
  await openConnections(pool, basePath(input.baseUrl), maxConnections);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const windowEnd = start + durationSec * 1000;
  const secondAt = (t: number) => Math.floor((t - start) / 1000);
  let sent = 0;
  let inFlight = 0;
  let windowOver = false;
  let wake: NodeJS.Timeout | undefined;
  let drained: () => void = () => {};

  const complete = (status: number, intended: number) => {
    const now = performance.now();
    tally.record(status, secondAt(now), now - intended);
    inFlight--;
    if (windowOver && inFlight === 0) drained();
    else pump();
  };
  const pump = () => {
    if (windowOver) return;
    const now = performance.now();
    while (sent < scheduled && inFlight < maxConnections && start + sent * intervalMs <= now) {
      const intended = start + sent * intervalMs;
      sent++;
      inFlight++;
      void send(pool, next(), (status) => complete(status, intended));
    }
    clearTimeout(wake);
    // all connections busy: the next completion pumps again
    if (sent < scheduled && inFlight < maxConnections) wake = setTimeout(pump, Math.max(0, start + sent * intervalMs - now));
  };

  const ticker = setInterval(() => {
    const done = Math.min(secondAt(performance.now()), durationSec - 1);
    for (; ticked < done; ticked++) onTick({ second: ticked, reqPerSec: tally.successesIn(ticked) });
  }, 1000);
  let ticked = 0;
  pump();
  await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, windowEnd - performance.now())));
  windowOver = true;
  clearTimeout(wake);
  if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
  clearInterval(ticker);
  for (; ticked < durationSec; ticked++) onTick({ second: ticked, reqPerSec: tally.successesIn(ticked) });
  const wallSec = (performance.now() - start) / 1000;
  await pool.close();

  const cpu = process.cpuUsage(cpuStart);
  const cpuCores = (cpu.user + cpu.system) / 1e6 / wallSec;
  const figures = tally.figures();
  const droppedIterations = scheduled - sent;
  const deliveredRate = (figures.succeeded + figures.failed) / durationSec;
  return {
    ...figures,
    latencyNote: `perflab open-model scheduler on undici (not autocannon): ${rate} req/s evenly spaced over ≤ ${maxConnections} connections; µs HDR of every 2xx answer, timed from its intended send time (wrk2's method: queue wait included, no separate coordinated-omission correction); ${droppedIterations} unsent at the window's end counted as dropped`,
    generator: { cpuCores, offeredRate: rate, deliveredRate, droppedIterations, vusExhausted: null, ...assessSaturation({ cpuCores, offeredRate: rate, deliveredRate, droppedIterations }) },
    thresholds: [],
  };
}

/**
 * Before the clock starts: opens every connection with concurrent `GET /health` requests (the
 * probe k6's setup() also sends), a few rounds, answers ignored. Otherwise the first requests of
 * the window would time TCP handshakes and this fresh process's cold code paths, and with latency
 * counted from the intended send time that stall would pass to every request queued behind it.
 */
async function openConnections(pool: Pool, prefix: string, connections: number): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(Array.from({ length: connections }, () => send(pool, { method: 'GET', path: `${prefix}/health`, headers: {}, body: undefined }, () => {})));
  }
}

/** Sends one request and reads its answer to the end; status 0 = transport failure (refused, reset, timed out). */
async function send(pool: Pool, request: CycledRequest, done: (status: number) => void): Promise<void> {
  let status = 0;
  try {
    const response = await pool.request({ method: request.method as 'GET', path: request.path, headers: request.headers, body: request.body });
    for await (const _chunk of response.body) {
      // drain: the answer ends when its last byte arrives
    }
    status = response.statusCode;
  } catch {
    status = 0;
  }
  done(status);
}
