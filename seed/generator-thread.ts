import { Worker } from 'node:worker_threads';
import type { TableStream } from './copy-table.ts';
import type { GeneratorMessage, GeneratorRequest } from './generate/messages.ts';
import type { Plan } from './plan.ts';

/**
 * Bounded look-ahead: while Postgres builds one table's indexes the generator keeps producing
 * the next tables, but never more than this much text ahead, so memory stays flat at any scale.
 */
const LOOKAHEAD_BYTES = 32 * 1024 * 1024;

/**
 * The generator keeps nothing between rows, yet V8 lets an idle-looking heap grow to hundreds of
 * MB before collecting; a small ceiling makes it collect early and keeps the seeder's RSS flat.
 */
const HEAP_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

/** The generator running on a second core; tables arrive in load order. `stop()` ends the thread. */
export interface GeneratorThread {
  tables(): AsyncGenerator<TableStream>;
  /** COPY text received from the thread and not yet handed to a consumer: what the look-ahead bounds. */
  bufferedBytes(): number;
  stop(): Promise<void>;
}

/** Starts the generator thread for `plan`; it runs at most `lookaheadBytes` (plus one chunk) ahead of the consumer. */
export function startGeneratorThread(plan: Plan, lookaheadBytes = LOOKAHEAD_BYTES): GeneratorThread {
  const request: GeneratorRequest = { scale: plan.scale, seed: plan.seed, products: plan.products, orders: plan.orders, limitBytes: lookaheadBytes };
  const worker = new Worker(new URL('./generate/worker-entry.mjs', import.meta.url), { workerData: request, resourceLimits: HEAP_LIMITS });
  const queue: GeneratorMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: GeneratorMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure) failure = new Error(`generator thread exited with code ${code}`);
    notify();
  });

  async function next(): Promise<GeneratorMessage> {
    for (;;) {
      const message = queue.shift();
      if (message) return message;
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  async function* chunks(): AsyncGenerator<{ bytes: Uint8Array; rows: number }> {
    for (;;) {
      const message = await next();
      if (message.type === 'end') return;
      if (message.type !== 'chunk') throw new Error(`generator thread: unexpected ${message.type}`);
      worker.postMessage({ consumed: message.bytes.byteLength });
      yield message;
    }
  }

  return {
    async *tables() {
      for (;;) {
        const message = await next();
        if (message.type === 'done') return;
        if (message.type !== 'table') throw new Error(`generator thread: unexpected ${message.type}`);
        yield { table: message.table, columns: message.columns, estimate: message.estimate, chunks: chunks() };
      }
    },
    bufferedBytes() {
      return queue.reduce((total, message) => total + (message.type === 'chunk' ? message.bytes.byteLength : 0), 0);
    },
    async stop() {
      await worker.terminate();
    },
  };
}
