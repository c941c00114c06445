import { parentPort, workerData } from 'node:worker_threads';
import { encodeChunks } from '../encode-row.ts';
import { buildPlan, type Scale } from '../plan.ts';
import { tableSources } from './index.ts';
import type { GeneratorMessage, GeneratorRequest } from './messages.ts';

/** Generator thread body: every table's COPY text in order, paused while the main thread is `limitBytes` behind. */
const { scale, seed, products, orders, limitBytes } = workerData as GeneratorRequest;
const port = parentPort!;
let inFlight = 0;
let resume: (() => void) | null = null;
const encoder = new TextEncoder();

port.on('message', (ack: { consumed: number }) => {
  inFlight -= ack.consumed;
  if (resume && inFlight <= limitBytes / 2) {
    resume();
    resume = null;
  }
});

const post = (message: GeneratorMessage) => port.postMessage(message);

for (const source of tableSources(buildPlan(scale as Scale, seed, products, orders))) {
  post({ type: 'table', table: source.table, columns: [...source.columns], estimate: source.estimate });
  for (const chunk of encodeChunks(source)) {
    // bytes moved, not copied: the text never sits in both threads' heaps at once
    const bytes = encoder.encode(chunk.text);
    // counted before the transfer: a transferred buffer reads as 0 bytes long on this side
    inFlight += bytes.byteLength;
    port.postMessage({ type: 'chunk', bytes, rows: chunk.rows } satisfies GeneratorMessage, [bytes.buffer]);
    if (inFlight > limitBytes) await new Promise<void>((r) => (resume = r));
  }
  post({ type: 'end' });
}
post({ type: 'done' });
port.close();
