import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { OutcomeTally } from './outcome-tally.ts';
import { basePath, createRequestCycle } from './request-cycle.ts';
import { assessSaturation } from './saturation.ts';
import type { AutocannonInput } from './autocannon-protocol.ts';
import type { DriverOutput, TickEvent } from './types.ts';

/**
 * One closed-model window with autocannon: `connections` keep-alive connections, each sending its
 * next request when the previous answer arrived. Latencies go to our own µs HDR histograms from the
 * `response` events (autocannon's own is whole milliseconds); transport errors from `reqError`.
 */
export function measureClosed(input: AutocannonInput & { model: { type: 'closed' } }, onTick: (tick: TickEvent) => void): Promise<DriverOutput> {
  const { durationSec } = input;
  const tally = new OutcomeTally(durationSec);
  const next = createRequestCycle(input.requests, basePath(input.baseUrl));

  let finished: (error: Error | null) => void = () => {};
  // Before autocannon(): its clients start synchronously inside it.
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const secondNow = () => Math.floor((performance.now() - started) / 1000);
  const instance = autocannon(
    {
      url: input.baseUrl,
      connections: input.model.connections,
      pipelining: 1,
      duration: durationSec,
      timeout: input.timeoutSec ?? 10,
      requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...next() }) as autocannon.Request }],
    },
    (error) => finished(error),
  );
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTimeMs: number) => {
    const second = secondNow();
    if (second < durationSec) tally.record(status, second, responseTimeMs); // window is [0, durationSec)
  });
  instance.on('reqError', () => {
    const second = secondNow();
    if (second < durationSec) tally.record(0, second, null);
  });
  let lastTicked = 0;
  const tickUpTo = (second: number) => {
    for (; lastTicked <= Math.min(second, durationSec - 1); lastTicked++) onTick({ second: lastTicked, reqPerSec: tally.successesIn(lastTicked) });
  };
  instance.on('tick', () => tickUpTo(secondNow() - 1));

  return new Promise((resolve, reject) => {
    finished = (error) => {
      if (error) return reject(error);
      tickUpTo(durationSec - 1);
      const cpu = process.cpuUsage(cpuStart);
      const cpuCores = (cpu.user + cpu.system) / 1e6 / ((performance.now() - started) / 1000);
      const figures = tally.figures();
      resolve({
        ...figures,
        latencyNote: 'autocannon, closed model: µs HDR histogram of every 2xx answer (no coordinated-omission correction: a closed model waits by design)',
        generator: { cpuCores, offeredRate: null, deliveredRate: (figures.succeeded + figures.failed) / durationSec, droppedIterations: null, vusExhausted: null, ...assessSaturation({ cpuCores, offeredRate: null, deliveredRate: figures.throughput }) },
        thresholds: [],
      });
    };
  });
}
