import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { createLatencyHistogram, encodeHistogram, latencyFromHistogram, recordMs } from './hdr.ts';
import { assessSaturation } from './saturation.ts';
import type { AutocannonInput, FromChild, ToChild } from './autocannon-protocol.ts';
import type { DriverOutput, RequestSpec } from './types.ts';

// The parent going away (crash, SIGKILL) closes the IPC channel: never outlive it.
process.on('disconnect', () => process.exit(0));
process.once('message', (message: ToChild) => {
  if (message.type !== 'run') return;
  measure(message.input)
    .then((output) => send({ type: 'result', output }))
    .catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => process.exit(0));
});

function send(message: FromChild): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });
}

/** One autocannon window; latencies go to our own µs HDR histogram from the `response` events. */
function measure(input: AutocannonInput): Promise<DriverOutput> {
  const { model, durationSec } = input;
  const connections = model.type === 'closed' ? model.connections : Math.min(model.maxConnections, model.rate);
  const rate = model.type === 'open' ? model.rate : null;
  // Open model: each connection should send every connections/rate s; a late response stands for
  // the requests it kept from being sent (coordinated omission), which HDR back-fills.
  const expectedIntervalUs = rate ? (1e6 * connections) / rate : undefined;
  const histogram = createLatencyHistogram();
  const perSecond: number[] = new Array(durationSec).fill(0);
  let responses = 0;
  let non2xx = 0;

  let finished: (error: Error | null, result: autocannon.Result) => void = () => {};
  // Before autocannon(): its clients (and their per-second rate windows) start synchronously inside it.
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const instance = autocannon(
    {
      url: input.baseUrl,
      connections,
      pipelining: 1,
      duration: durationSec,
      timeout: input.timeoutSec ?? 10,
      ...(rate ? { overallRate: rate } : {}),
      requests: requestsFor(input.requests, new URL(input.baseUrl).pathname.replace(/\/+$/, '')),
    },
    (error, result) => finished(error, result),
  );
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTimeMs: number) => {
    const second = Math.floor((performance.now() - started) / 1000);
    if (second >= durationSec) return; // outside the measured window [0, durationSec)
    perSecond[second] = (perSecond[second] ?? 0) + 1;
    responses++;
    if (status < 200 || status > 299) non2xx++;
    recordMs(histogram, responseTimeMs, expectedIntervalUs);
  });
  let lastTicked = 0;
  const tickUpTo = (second: number) => {
    for (; lastTicked <= Math.min(second, durationSec - 1); lastTicked++) {
      void send({ type: 'tick', tick: { second: lastTicked, reqPerSec: perSecond[lastTicked] ?? 0 } });
    }
  };
  instance.on('tick', () => tickUpTo(Math.floor((performance.now() - started) / 1000) - 1));

  return new Promise((resolve, reject) => {
    finished = (error, result) => {
      if (error) return reject(error);
      tickUpTo(durationSec - 1);
      const wallSec = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      const cpuCores = (cpu.user + cpu.system) / 1e6 / wallSec;
      const deliveredRate = responses / durationSec;
      resolve({
        requests: responses,
        errors: result.errors,
        non2xx,
        throughput: deliveredRate,
        perSecond,
        latencyMs: latencyFromHistogram(histogram),
        histogram: encodeHistogram(histogram),
        latencyNote: rate
          ? `µs HDR histogram of every response; coordinated-omission corrected (expected interval ${Math.round(expectedIntervalUs ?? 0)} µs per connection)`
          : 'µs HDR histogram of every response (closed model: no coordinated-omission correction)',
        generator: { cpuCores, offeredRate: rate, deliveredRate, droppedIterations: null, ...assessSaturation({ cpuCores, offeredRate: rate, deliveredRate }) },
        thresholds: [],
      });
    };
  });
}

/**
 * One dynamic request drawing from a shared cursor, so all connections walk one list in order.
 * `prefix` keeps a base URL's path (autocannon would otherwise drop it, unlike k6 and wrk).
 */
function requestsFor(specs: RequestSpec[], prefix: string): autocannon.Request[] {
  if (specs.length === 0) throw new Error('no requests to send');
  const nonce = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let cursor = 0;
  let sequence = 0;
  return [
    {
      setupRequest: (req: autocannon.Request) => {
        const spec = specs[cursor++ % specs.length] as RequestSpec;
        const token = spec.uniqueToken;
        if (!token) return { ...req, method: spec.method, path: prefix + spec.path, headers: spec.headers, body: spec.body };
        const unique = `${nonce}-${sequence++}`;
        const headers = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, v.replaceAll(token, unique)]));
        return { ...req, method: spec.method, path: prefix + spec.path, headers, body: spec.body?.replaceAll(token, unique) };
      },
    },
  ];
}
